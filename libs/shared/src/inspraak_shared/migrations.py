"""Alembic over SQLModel, one migration history per service database.

Each service's `migrations/env.py` is two lines that call `run_migrations`; operators
run `inspraak migrate`, tests call `upgrade` once per session.
"""

import asyncio
from collections.abc import Callable
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from inspraak_shared.db import async_database_url, create_engine


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    # ConfigParser interpolation would read a % in a password as a placeholder.
    config.set_main_option("sqlalchemy.url", async_database_url(database_url).replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    """Migrate a database; blocking (Alembic runs its own event loop for async drivers)."""
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def head_revision(migrations_dir: Path) -> str | None:
    return ScriptDirectory.from_config(
        alembic_config(migrations_dir, "sqlite://")
    ).get_current_head()


async def current_revision(database_url: str) -> str | None:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            return await connection.run_sync(
                lambda sync: MigrationContext.configure(sync).get_current_revision()
            )
    finally:
        await engine.dispose()


def run_migrations(target_metadata: MetaData, default_url: Callable[[], str]) -> None:
    """The body of a service's `env.py`."""
    url = context.config.get_main_option("sqlalchemy.url") or async_database_url(default_url())
    if context.is_offline_mode():
        context.configure(
            url=url,
            target_metadata=target_metadata,
            literal_binds=True,
            render_as_batch=url.startswith("sqlite"),
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_online(url, target_metadata))


async def _run_online(url: str, target_metadata: MetaData) -> None:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_migrate, target_metadata, url.startswith("sqlite"))
    finally:
        await engine.dispose()


def _migrate(connection: Connection, target_metadata: MetaData, batch: bool) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=batch,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def create_event_tables() -> None:
    """The outbox and inbox tables, for a service's first migration (call inside upgrade())."""
    import sqlalchemy as sa
    from alembic import op

    op.create_table(
        "outbox_message",
        sa.Column(
            "seq",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            primary_key=True,
            autoincrement=True,
        ),
        sa.Column("event_id", sa.String(64), nullable=False, unique=True),
        sa.Column("nats_subject", sa.String(255), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(1000), nullable=True),
    )
    op.create_index("ix_outbox_message_published_at", "outbox_message", ["published_at"])
    op.create_index(
        "ix_outbox_message_unpublished",
        "outbox_message",
        ["seq"],
        postgresql_where=sa.text("published_at IS NULL"),
        sqlite_where=sa.text("published_at IS NULL"),
    )
    op.create_table(
        "inbox_message",
        sa.Column("consumer", sa.String(120), primary_key=True),
        sa.Column("source", sa.String(255), primary_key=True),
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("event_type", sa.String(255), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
    )


def drop_event_tables() -> None:
    from alembic import op

    op.drop_table("inbox_message")
    op.drop_table("outbox_message")


def schema_differences(database_url: str, target_metadata: MetaData) -> list[object]:
    """What autogenerate would change: empty when the migrations match the models."""
    from alembic.autogenerate import compare_metadata

    async def compare() -> list[object]:
        engine = create_engine(database_url, pool_size=1)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(
                    lambda sync: list(
                        compare_metadata(
                            MigrationContext.configure(sync, opts={"compare_type": True}),
                            target_metadata,
                        )
                    )
                )
        finally:
            await engine.dispose()

    return asyncio.run(compare())
