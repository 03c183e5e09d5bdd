"""All SQL of removing a tenant: every table that has a `tenant` column."""

from sqlalchemy import delete
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.models import metadata


def tenant_tables() -> list:  # type: ignore[type-arg]
    """Every table of this service holding tenant data; new tables are covered by having
    the `tenant` column every row must carry."""
    return [t for t in reversed(metadata.sorted_tables) if "tenant" in t.c]


async def delete_tenant(session: AsyncSession, tenant: str) -> dict[str, int]:
    """Delete the tenant's rows everywhere; return the count per table."""
    removed = {}
    for table in tenant_tables():
        result = await session.exec(delete(table).where(table.c.tenant == tenant))  # type: ignore[call-overload]
        removed[table.name] = result.rowcount
    return removed
