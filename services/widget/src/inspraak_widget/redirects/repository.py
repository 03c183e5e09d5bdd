"""Path redirect queries."""

import uuid

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_widget.redirects.models import PathRedirect


async def list_for(session: AsyncSession, tenant: str) -> list[PathRedirect]:
    query = (
        select(PathRedirect)
        .where(PathRedirect.tenant == tenant)
        .order_by(col(PathRedirect.source_path))
    )
    return list((await session.exec(query)).all())


async def get(session: AsyncSession, tenant: str, redirect_id: uuid.UUID) -> PathRedirect | None:
    query = select(PathRedirect).where(
        PathRedirect.tenant == tenant, PathRedirect.id == redirect_id
    )
    return (await session.exec(query)).first()


async def by_source(session: AsyncSession, tenant: str, source_path: str) -> PathRedirect | None:
    query = select(PathRedirect).where(
        PathRedirect.tenant == tenant, PathRedirect.source_path == source_path
    )
    return (await session.exec(query)).first()


async def targets(session: AsyncSession, tenant: str) -> dict[str, PathRedirect]:
    """Every redirect of the tenant by source path: the graph the loop check walks."""
    return {r.source_path: r for r in await list_for(session, tenant)}


def add(session: AsyncSession, redirect: PathRedirect) -> None:
    session.add(redirect)


async def delete(session: AsyncSession, redirect: PathRedirect) -> None:
    await session.delete(redirect)


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    for redirect in await list_for(session, tenant):
        await session.delete(redirect)
