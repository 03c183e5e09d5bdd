"""Every table of the contributions database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_shared.events.outbox import InboxMessage, OutboxMessage

metadata = SQLModel.metadata

__all__ = ["InboxMessage", "OutboxMessage", "metadata"]
