"""Queries on tenants, and on every identity table a tenant owns rows in."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, delete
from sqlalchemy import select as select_columns
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.tenants.models import Tenant

# Columns an export leaves out: secrets, even hashed ones, belong to no archive.
EXPORT_EXCLUDED_COLUMNS = frozenset({"token_hash"})


class TenantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, slug: str, *, for_update: bool = False) -> Tenant | None:
        query = select(Tenant).where(col(Tenant.slug) == slug)
        if for_update:
            query = query.with_for_update()
        return (await self.session.exec(query)).first()

    async def search(self) -> Sequence[Tenant]:
        query = select(Tenant).order_by(col(Tenant.slug))
        return (await self.session.exec(query)).all()

    async def add(self, tenant: Tenant) -> Tenant:
        self.session.add(tenant)
        await self.session.flush()
        return tenant

    async def delete_everything_of(self, slug: str) -> dict[str, int]:
        """Delete the tenant's rows from every table with a `tenant` column, then the tenant."""
        counts: dict[str, int] = {}
        for table in reversed(_tenant_tables()):
            result = await self.session.exec(delete(table).where(table.c.tenant == slug))  # type: ignore[call-overload]
            counts[table.name] = int(result.rowcount or 0)
        result = await self.session.exec(delete(Tenant).where(col(Tenant.slug) == slug))  # type: ignore[call-overload]
        counts["tenant"] = int(result.rowcount or 0)
        await self.session.flush()
        return counts

    async def rows_of(self, slug: str) -> dict[str, list[dict[str, Any]]]:
        """Every row the tenant owns, per table, as JSON-ready dicts."""
        dump: dict[str, list[dict[str, Any]]] = {}
        for table in _tenant_tables():
            columns = [c for c in table.c if c.name not in EXPORT_EXCLUDED_COLUMNS]
            result = await self.session.exec(  # type: ignore[call-overload]
                select_columns(*columns)
                .where(table.c.tenant == slug)
                .order_by(*table.primary_key.columns)
            )
            dump[table.name] = [dict(row._mapping) for row in result]
        return dump


def _tenant_tables() -> list[Table]:
    return [table for table in SQLModel.metadata.sorted_tables if "tenant" in table.c]
