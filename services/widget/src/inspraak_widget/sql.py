"""Version-guarded upserts for the read models, in one statement so concurrent deliveries of
different versions settle on the newest without a read-then-write race."""

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession


async def upsert_if_newer(
    session: AsyncSession, table: Table, values: dict[str, Any], keys: list[str]
) -> bool:
    """Insert the row, or replace it when `values["version"]` is newer; True if written."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=keys,
        set_={name: statement.excluded[name] for name in values if name not in keys},
        where=table.c.version < statement.excluded.version,
    ).returning(table.c.version)
    result = await session.exec(statement)
    return result.first() is not None


async def insert_if_missing(
    session: AsyncSession, table: Table, values: dict[str, Any], keys: list[str]
) -> None:
    """Insert the row unless one with the same key exists (concurrent callers included)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.exec(insert(table).values(**values).on_conflict_do_nothing(index_elements=keys))
