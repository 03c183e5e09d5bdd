"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_identity.audit.endpoints import router as audit
from inspraak_identity.invitations.endpoints import router as invitations
from inspraak_identity.people.endpoints import router as people
from inspraak_identity.roles.endpoints import router as roles
from inspraak_identity.team.endpoints import router as team
from inspraak_identity.tenants.endpoints import operator_router as operator
from inspraak_identity.tenants.endpoints import router as tenant
from inspraak_identity.terms.endpoints import router as terms


def routers() -> list[APIRouter]:
    return [operator, tenant, invitations, roles, terms, people, team, audit]
