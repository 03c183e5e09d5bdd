"""Queries on the tenant read model."""

from sqlalchemy import delete
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.tenants.models import TenantConfig


async def get(session: AsyncSession, slug: str) -> TenantConfig | None:
    return await session.get(TenantConfig, slug)


async def get_for_update(session: AsyncSession, slug: str) -> TenantConfig | None:
    return await session.get(TenantConfig, slug, with_for_update=True)


def add(session: AsyncSession, tenant: TenantConfig) -> None:
    session.add(tenant)


async def delete_tenant_rows(session: AsyncSession, tables: list[type], slug: str) -> None:
    """Delete every row of `slug` in `tables`, in the order given (children first)."""
    for table in tables:
        await session.exec(delete(table).where(table.tenant == slug))  # type: ignore[call-overload, attr-defined]
