"""Every table of the identity database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_identity.audit.models import AuditEntry
from inspraak_identity.invitations.models import Invitation
from inspraak_identity.people.models import Person
from inspraak_identity.projects.models import KnownDepartment, ProjectDepartment
from inspraak_identity.roles.models import RoleGrant, SupportGrant
from inspraak_identity.team.models import OnboardingProgress
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.terms.models import Terms, TermsAcceptance
from inspraak_shared.events.outbox import InboxMessage, OutboxMessage

metadata = SQLModel.metadata

__all__ = [
    "AuditEntry",
    "InboxMessage",
    "Invitation",
    "KnownDepartment",
    "OnboardingProgress",
    "OutboxMessage",
    "Person",
    "ProjectDepartment",
    "RoleGrant",
    "SupportGrant",
    "Tenant",
    "Terms",
    "TermsAcceptance",
    "metadata",
]
