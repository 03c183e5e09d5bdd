"""Who may do what on a project, decided from the caller's token and the local read models.

- residents (role `user`) read public, published projects and contribute;
- project moderators (`project_moderator:project:<id>`), department heads of the project's
  department (`department_head:department:<id>`) and superadmins moderate;
- policy makers and communications officers read everything and the results, change nothing.

A scoped right (moderator, department head) needs both the token's claim and an active
grant in the role read model: a revocation takes effect as soon as identity's event
arrives, although the token keeps its claim until it expires, and a grant waiting for the
terms (`pending_terms`) gives nothing. Every endpoint gets its access through
`project_access`, so the rule is the same everywhere.

A project the caller may not see answers 404, so its existence does not leak.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Path

from inspraak_contributions import problems
from inspraak_contributions.projects import repository
from inspraak_contributions.projects.models import Project
from inspraak_contributions.projects.schemas import ProjectStatus, Visibility
from inspraak_contributions.roles import service as roles
from inspraak_shared.auth import OptionalPrincipal, Principal, ScopedRoleName, TenantRole
from inspraak_shared.db import DbSession
from inspraak_shared.problems import Forbidden, Unauthorized
from inspraak_shared.tenancy import RequestTenant

READER_ROLES = (TenantRole.POLICY_MAKER, TenantRole.COMMUNICATIONS)
RESIDENT_STATUSES = frozenset({ProjectStatus.PUBLISHED, ProjectStatus.ARCHIVED})


@dataclass(frozen=True)
class ProjectAccess:
    """The project a request is about, and what the caller may do on it."""

    tenant: str
    project: Project
    principal: Principal | None
    # (role, scope_id) of the caller's active grants in the role read model.
    granted: frozenset[tuple[str, str]] = frozenset()

    def holds(self, role: str, scope_id: str | None) -> bool:
        """The token claims the scoped role and identity has not revoked (or parked) it."""
        p = self.principal
        return (
            p is not None
            and scope_id is not None
            and p.has_scoped_role(role, scope_id)
            and (role, scope_id) in self.granted
        )

    @property
    def can_moderate(self) -> bool:
        p = self.principal
        if p is None:
            return False
        if p.has_role(TenantRole.SUPERADMIN):
            return True
        return self.holds(ScopedRoleName.PROJECT_MODERATOR, self.project.project_id) or self.holds(
            ScopedRoleName.DEPARTMENT_HEAD, self.project.department_id
        )

    @property
    def can_read_results(self) -> bool:
        return self.can_moderate or (
            self.principal is not None and self.principal.has_role(*READER_ROLES)
        )

    @property
    def is_resident_visible(self) -> bool:
        if self.project.status not in RESIDENT_STATUSES:
            return False
        if self.project.visibility == Visibility.PUBLIC:
            return True
        # A restricted project admits the people invited to it.
        return (
            self.project.visibility == Visibility.RESTRICTED
            and self.principal is not None
            and self.principal.user_id in self.project.allowed_user_ids
        )

    @property
    def can_see(self) -> bool:
        return self.is_resident_visible or self.can_read_results

    @property
    def user(self) -> Principal:
        """The signed-in caller; 401 for an anonymous one."""
        if self.principal is None:
            raise Unauthorized("Sign in to do this.")
        return self.principal


async def project_access(
    project_id: Annotated[str, Path(max_length=64)],
    session: DbSession,
    tenant: RequestTenant,
    principal: OptionalPrincipal,
) -> ProjectAccess:
    project = await repository.get_project(session, tenant, project_id)
    if project is None:
        raise problems.not_found("project")
    granted = await roles.active_scopes(session, tenant, principal)
    access = ProjectAccess(tenant=tenant, project=project, principal=principal, granted=granted)
    if not access.can_see:
        raise problems.not_found("project")
    return access


ProjectViewer = Annotated[ProjectAccess, Depends(project_access)]


async def project_moderator(access: ProjectViewer) -> ProjectAccess:
    access.user  # noqa: B018 - 401 before 403 for an anonymous caller
    if not access.can_moderate:
        raise Forbidden(
            "Only this project's moderators, its department's heads and superadmins may do this.",
            slug="not-a-moderator",
        )
    return access


async def project_results_reader(access: ProjectViewer) -> ProjectAccess:
    access.user  # noqa: B018 - 401 before 403 for an anonymous caller
    if not access.can_read_results:
        raise Forbidden("Results are for the municipality's staff.", slug="not-staff")
    return access


async def project_participant(access: ProjectViewer) -> ProjectAccess:
    """A registered resident (realm role `user`) on a project they can see."""
    if not access.user.has_role(TenantRole.USER):
        raise Forbidden("Only registered participants may contribute.", slug="not-a-participant")
    return access


ProjectModerator = Annotated[ProjectAccess, Depends(project_moderator)]
ProjectResultsReader = Annotated[ProjectAccess, Depends(project_results_reader)]
ProjectParticipant = Annotated[ProjectAccess, Depends(project_participant)]
