"""All SQL of the role grant read model."""

from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.roles.models import RoleGrant
from inspraak_contributions.roles.schemas import STAGE, GrantStatus


async def store_if_further(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert the grant, or move it to a later stage; never back, whatever the delivery order.

    One statement, so two deliveries racing each other cannot roll the grant back.
    """
    table = RoleGrant.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(**values)
    updates = {k: statement.excluded[k] for k in values if k not in ("tenant", "grant_id")}
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "grant_id"],
        set_=updates,
        where=table.c.stage < statement.excluded.stage,
    ).returning(table.c.grant_id)
    result = await session.exec(statement)
    return result.first() is not None


async def active_scopes(session: AsyncSession, tenant: str, user_id: str) -> set[tuple[str, str]]:
    """(role, scope_id) of the person's active scoped grants."""
    query = select(RoleGrant.role, RoleGrant.scope_id).where(
        col(RoleGrant.tenant) == tenant,
        col(RoleGrant.user_id) == user_id,
        col(RoleGrant.status) == GrantStatus.ACTIVE.value,
        col(RoleGrant.scope_id).is_not(None),
    )
    return {(role, scope_id) for role, scope_id in (await session.exec(query)).all() if scope_id}


async def get(session: AsyncSession, tenant: str, grant_id: str) -> RoleGrant | None:
    return await session.get(RoleGrant, (tenant, grant_id))


async def forget_user(session: AsyncSession, tenant: str, user_id: str) -> None:
    """Revoke the person's grants and drop their username; the rows stay (at the last stage)
    so a late grant event cannot bring a right back."""
    await session.exec(
        update(RoleGrant)
        .where(col(RoleGrant.tenant) == tenant, col(RoleGrant.user_id) == user_id)
        .values(status=GrantStatus.REVOKED.value, stage=STAGE[GrantStatus.REVOKED], username="")
    )
