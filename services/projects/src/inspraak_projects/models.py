"""Every table of the projects database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_projects.calendar.models import CalendarFeed, EvaluationMoment
from inspraak_projects.departments.models import Department
from inspraak_projects.phases.models import Phase
from inspraak_projects.projects.models import (
    ApprovalDecision,
    Project,
    ProjectAccess,
    ProjectFollower,
    ProjectTerm,
)
from inspraak_projects.roles.models import RoleGrant
from inspraak_projects.taxonomy.models import Term
from inspraak_projects.tenants.models import TenantConfig
from inspraak_projects.updates.models import ProjectUpdate
from inspraak_shared.events.outbox import InboxMessage, OutboxMessage

metadata = SQLModel.metadata

__all__ = [
    "ApprovalDecision",
    "CalendarFeed",
    "Department",
    "EvaluationMoment",
    "InboxMessage",
    "OutboxMessage",
    "Phase",
    "Project",
    "ProjectAccess",
    "ProjectFollower",
    "ProjectTerm",
    "ProjectUpdate",
    "RoleGrant",
    "TenantConfig",
    "Term",
    "metadata",
]
