"""Who may do what with a project (PRODUCT.md's role table, applied to one project).

- superadmin: everything in the tenant;
- policy maker, communications: read everything, change nothing;
- department head: read everything in their department, approve or send back,
  hide/show and archive (steering), create projects there;
- project moderator: read and edit their own projects;
- everyone else: published (or archived) public projects, and restricted ones they
  were let into.
"""

import uuid

from inspraak_projects.projects.models import Project, ProjectStatus, Visibility
from inspraak_projects.projects.repository import RESIDENT_STATUSES, ReadScope
from inspraak_shared.auth import (
    CurrentPrincipal,
    OptionalPrincipal,
    Principal,
    ScopedRoleName,
    TenantRole,
)

TENANT_READERS = (TenantRole.SUPERADMIN, TenantRole.POLICY_MAKER, TenantRole.COMMUNICATIONS)

# Routes take one of these; the object-level checks below run in the service.
Viewer = OptionalPrincipal
SignedIn = CurrentPrincipal


def is_superadmin(principal: Principal | None) -> bool:
    return principal is not None and principal.has_role(TenantRole.SUPERADMIN)


def heads(principal: Principal | None, department_id: uuid.UUID) -> bool:
    return principal is not None and principal.has_scoped_role(
        ScopedRoleName.DEPARTMENT_HEAD, str(department_id)
    )


def moderates(principal: Principal | None, project_id: uuid.UUID) -> bool:
    return principal is not None and principal.has_scoped_role(
        ScopedRoleName.PROJECT_MODERATOR, str(project_id)
    )


def is_staff_for(principal: Principal | None, project: Project) -> bool:
    """Sees the project whatever its status or visibility (its working side too)."""
    if principal is None:
        return False
    return (
        principal.has_role(*TENANT_READERS)
        or heads(principal, project.department_id)
        or moderates(principal, project.id)
    )


def resident_may_read(project: Project, *, let_in: bool) -> bool:
    if project.status not in RESIDENT_STATUSES:
        return False
    if project.visibility == Visibility.PUBLIC:
        return True
    return project.visibility == Visibility.RESTRICTED and let_in


def can_create_in(principal: Principal, department_id: uuid.UUID) -> bool:
    return is_superadmin(principal) or heads(principal, department_id)


def can_edit(principal: Principal, project: Project) -> bool:
    return is_superadmin(principal) or moderates(principal, project.id)


def can_approve(principal: Principal, project: Project) -> bool:
    return is_superadmin(principal) or heads(principal, project.department_id)


def can_steer(principal: Principal, project: Project) -> bool:
    """Hide, show, archive: the page's editors and the department head."""
    return can_edit(principal, project) or heads(principal, project.department_id)


def is_archived(project: Project) -> bool:
    return project.status == ProjectStatus.ARCHIVED


def read_scope(principal: Principal | None) -> ReadScope:
    if principal is None:
        return ReadScope()
    if principal.has_role(*TENANT_READERS):
        return ReadScope(everything=True)
    return ReadScope(
        department_ids=frozenset(_uuids(principal.scope_ids(ScopedRoleName.DEPARTMENT_HEAD))),
        project_ids=frozenset(_uuids(principal.scope_ids(ScopedRoleName.PROJECT_MODERATOR))),
        user_id=principal.user_id,
    )


def _uuids(values: frozenset[str]) -> list[uuid.UUID]:
    result = []
    for value in values:
        try:
            result.append(uuid.UUID(value))
        except ValueError:
            continue  # a scope of another kind of id can match no project
    return result
