"""Dialect-aware INSERT ... ON CONFLICT, so upserts are one statement (PostgreSQL or SQLite)."""

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession


def insert(session: AsyncSession, table: Any) -> Any:
    """An `insert()` that has `on_conflict_do_nothing/_update` for the session's database."""
    dialect = session.get_bind().dialect.name
    module = sqlite if dialect == "sqlite" else postgresql
    return module.insert(table)
