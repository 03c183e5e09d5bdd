"""Queries on the role read model."""

from collections.abc import Sequence

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.roles.models import RoleGrant

ACTIVE = "active"


async def get_for_update(
    session: AsyncSession, tenant: str, user_id: str, role: str, scope: str, scope_id: str
) -> RoleGrant | None:
    query = (
        select(RoleGrant)
        .where(
            RoleGrant.tenant == tenant,
            RoleGrant.user_id == user_id,
            RoleGrant.role == role,
            RoleGrant.scope == scope,
            RoleGrant.scope_id == scope_id,
        )
        .with_for_update()
    )
    return (await session.exec(query)).first()


def add(session: AsyncSession, grant: RoleGrant) -> None:
    session.add(grant)


async def holders(
    session: AsyncSession, tenant: str, role: str, scope_id: str
) -> Sequence[RoleGrant]:
    """Active holders of a scoped role, oldest user id first for a stable order."""
    query = (
        select(RoleGrant)
        .where(
            RoleGrant.tenant == tenant,
            RoleGrant.role == role,
            RoleGrant.scope_id == scope_id,
            RoleGrant.status == ACTIVE,
        )
        .order_by(col(RoleGrant.user_id))
    )
    return (await session.exec(query)).all()


async def of_user(session: AsyncSession, tenant: str, user_id: str) -> Sequence[RoleGrant]:
    query = select(RoleGrant).where(
        RoleGrant.tenant == tenant, RoleGrant.user_id == user_id, RoleGrant.status == ACTIVE
    )
    return (await session.exec(query)).all()


async def all_of_user(session: AsyncSession, tenant: str, user_id: str) -> Sequence[RoleGrant]:
    query = select(RoleGrant).where(RoleGrant.tenant == tenant, RoleGrant.user_id == user_id)
    return (await session.exec(query)).all()


async def delete_user(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(RoleGrant).where(  # type: ignore[call-overload]
            col(RoleGrant.tenant) == tenant, col(RoleGrant.user_id) == user_id
        )
    )
