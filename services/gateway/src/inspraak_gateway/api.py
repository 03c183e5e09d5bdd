"""The service's public HTTP API and web pages, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_gateway.branding.endpoints import router as branding
from inspraak_gateway.pages.account.endpoints import router as account
from inspraak_gateway.pages.admin.endpoints import router as admin
from inspraak_gateway.pages.department.endpoints import router as department
from inspraak_gateway.pages.editor.endpoints import router as editor
from inspraak_gateway.pages.invitations.endpoints import router as invitations
from inspraak_gateway.pages.onboarding.endpoints import router as onboarding
from inspraak_gateway.pages.residents.endpoints import router as residents
from inspraak_gateway.pages.staff.endpoints import router as staff
from inspraak_gateway.proxy.endpoints import router as proxy
from inspraak_gateway.sessions.endpoints import router as sessions
from inspraak_gateway.web.endpoints import router as web


def routers() -> list[APIRouter]:
    return [
        *(sessions, proxy, branding, web, residents, account, invitations),
        *(staff, onboarding, admin, department, editor),
    ]
