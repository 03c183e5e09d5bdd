"""Who sees and plans what in the content calendar.

Everyone gets a feed of what they may read; staff feeds add drafts, hidden projects and
evaluation moments. Communications and the superadmin plan evaluation moments for the
whole tenant, a department head for their department.
"""

import uuid

from inspraak_projects.projects.auth import TENANT_READERS, SignedIn, Viewer, heads
from inspraak_shared.auth import Principal, ScopedRoleName, TenantRole

PLANNERS = (TenantRole.SUPERADMIN, TenantRole.COMMUNICATIONS)

__all__ = ["SignedIn", "Viewer"]


def is_calendar_staff(principal: Principal | None) -> bool:
    return principal is not None and (
        principal.has_role(*TENANT_READERS)
        or bool(principal.scope_ids(ScopedRoleName.DEPARTMENT_HEAD))
        or bool(principal.scope_ids(ScopedRoleName.PROJECT_MODERATOR))
    )


def can_plan(principal: Principal, department_id: uuid.UUID | None) -> bool:
    if principal.has_role(*PLANNERS):
        return True
    return department_id is not None and heads(principal, department_id)


def can_subscribe(principal: Principal, department_id: uuid.UUID | None) -> bool:
    """A staff feed: tenant readers for any scope, department heads for their department."""
    if principal.has_role(*TENANT_READERS):
        return True
    return department_id is not None and heads(principal, department_id)
