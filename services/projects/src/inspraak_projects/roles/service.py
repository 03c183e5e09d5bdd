"""Keeps the role read model current from identity's `role.granted` / `role.revoked`."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.roles import repository
from inspraak_projects.roles.models import TENANT_WIDE, RoleGrant
from inspraak_shared.auth import Principal, ScopedRole

REVOKED = "revoked"


@dataclass(frozen=True)
class RoleChange:
    """What changed for whom; `was_active`/`is_active` tell whether a holder list changed."""

    user_id: str
    username: str
    role: str
    scope: str
    scope_id: str
    external: bool
    was_active: bool
    is_active: bool


async def apply(
    session: AsyncSession, tenant: str, data: dict[str, Any], *, granted: bool, at: datetime
) -> RoleChange | None:
    """Record a grant or revocation unless a newer event already set this role's state."""
    user_id = str(data["user_id"])
    role = str(data["role"])
    scope = str(data.get("scope") or TENANT_WIDE)
    scope_id = str(data.get("scope_id") or TENANT_WIDE)
    status = str(data.get("status") or repository.ACTIVE) if granted else REVOKED
    grant = await repository.get_for_update(session, tenant, user_id, role, scope, scope_id)
    if grant is not None and grant.changed_at >= at:
        return None  # a redelivered or overtaken event
    was_active = grant is not None and grant.status == repository.ACTIVE
    if grant is None:
        grant = RoleGrant(
            tenant=tenant,
            user_id=user_id,
            username=str(data.get("username") or ""),
            role=role,
            scope=scope,
            scope_id=scope_id,
            status=status,
            changed_at=at,
        )
        repository.add(session, grant)
    grant.username = str(data.get("username") or grant.username)
    grant.external = bool(data.get("external", False))
    grant.status = status
    grant.changed_at = at
    await session.flush()
    return RoleChange(
        user_id, grant.username, role, scope, scope_id, grant.external, was_active,
        status == repository.ACTIVE,
    )  # fmt: skip


async def holders(session: AsyncSession, tenant: str, role: str, scope_id: str) -> list[RoleGrant]:
    return list(await repository.holders(session, tenant, role, scope_id))


async def forget_user(session: AsyncSession, tenant: str, user_id: str) -> list[RoleGrant]:
    """Drop an erased person's roles; returns the ones that were active."""
    grants = [g for g in await repository.all_of_user(session, tenant, user_id)]
    await repository.delete_user(session, tenant, user_id)
    return [g for g in grants if g.status == repository.ACTIVE]


async def principal_from_grants(
    session: AsyncSession, tenant: str, user_id: str
) -> Principal | None:
    """The rights a person holds now, for requests without a token (calendar links)."""
    grants = await repository.of_user(session, tenant, user_id)
    if not grants:
        return None
    return Principal(
        tenant=tenant,
        user_id=user_id,
        username=grants[0].username,
        roles=frozenset(g.role for g in grants if g.scope == TENANT_WIDE),
        scoped_roles=frozenset(
            ScopedRole(g.role, g.scope, g.scope_id, g.external)
            for g in grants
            if g.scope != TENANT_WIDE
        ),
    )
