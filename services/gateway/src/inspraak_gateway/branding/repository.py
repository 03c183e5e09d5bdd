"""Every query on the tenant read model."""

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_gateway.branding.models import TenantBranding


async def get(session: AsyncSession, tenant: str) -> TenantBranding | None:
    return (
        await session.exec(select(TenantBranding).where(TenantBranding.tenant == tenant))
    ).first()


async def upsert_newer(session: AsyncSession, values: dict[str, Any]) -> None:
    """Insert, or overwrite only an older version: one statement, so two deliveries racing
    each other cannot roll the row back."""
    dialect = session.bind.dialect.name if session.bind is not None else "postgresql"
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(TenantBranding).values(**values)
    table = TenantBranding.__table__  # type: ignore[attr-defined]
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.tenant],
        set_={name: statement.excluded[name] for name in values if name != "tenant"},
        where=table.c.version < statement.excluded.version,
    )
    await session.exec(statement)  # type: ignore[call-overload]
    await session.flush()


async def remove(session: AsyncSession, tenant: str) -> None:
    await session.exec(delete(TenantBranding).where(TenantBranding.tenant == tenant))  # type: ignore[call-overload]
    await session.flush()
