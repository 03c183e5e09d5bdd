"""identity's role events: keep the role read model; announce moderator and head changes."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.departments import service as departments
from inspraak_projects.projects import service as projects
from inspraak_projects.roles import service
from inspraak_projects.roles.service import RoleChange
from inspraak_shared.auth import ScopedRoleName
from inspraak_shared.events import CloudEvent


async def _announce(session: AsyncSession, tenant: str, change: RoleChange) -> None:
    if change.was_active == change.is_active:
        return  # e.g. still pending the terms of use: nothing others see changed
    if change.role == ScopedRoleName.PROJECT_MODERATOR and change.scope == "project":
        await projects.moderators_changed(session, tenant, change)
    elif change.role == ScopedRoleName.DEPARTMENT_HEAD and change.scope == "department":
        await departments.heads_changed(session, tenant, change.scope_id)


async def on_role_granted(session: AsyncSession, event: CloudEvent) -> None:
    change = await service.apply(session, event.tenant, event.data, granted=True, at=event.time)
    if change is not None:
        await _announce(session, event.tenant, change)


async def on_role_revoked(session: AsyncSession, event: CloudEvent) -> None:
    change = await service.apply(session, event.tenant, event.data, granted=False, at=event.time)
    if change is not None:
        await _announce(session, event.tenant, change)


async def on_user_erased(session: AsyncSession, event: CloudEvent) -> None:
    user_id = str(event.data["user_id"])
    for grant in await service.forget_user(session, event.tenant, user_id):
        change = RoleChange(
            user_id, grant.username, grant.role, grant.scope, grant.scope_id, grant.external,
            was_active=True, is_active=False,
        )  # fmt: skip
        await _announce(session, event.tenant, change)
