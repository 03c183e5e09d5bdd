"""Transactional outbox and idempotency inbox tables, shared by every service's database.

An event is written as an `outbox_message` row in the same transaction as the change
it announces; the relay publishes it later. A consumer records each handled event in
`inbox_message` in the same transaction as its effect, so a redelivery is a no-op.
"""

from datetime import UTC, datetime

from sqlalchemy import JSON, BigInteger, Column, DateTime, Index, Integer, LargeBinary, text
from sqlmodel import Field, SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events.envelope import CloudEvent
from inspraak_shared.telemetry import inject_trace_context


def _utcnow() -> datetime:
    return datetime.now(UTC)


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_message"
    __table_args__ = (
        # The relay's only query: the oldest unpublished rows.
        Index(
            "ix_outbox_message_unpublished",
            "seq",
            postgresql_where=text("published_at IS NULL"),
            sqlite_where=text("published_at IS NULL"),
        ),
    )

    seq: int | None = Field(
        default=None,
        # SQLite only auto-increments a column declared exactly INTEGER.
        sa_column=Column(
            BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
    )
    event_id: str = Field(max_length=64, unique=True)
    nats_subject: str = Field(max_length=255)
    payload: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    headers: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(
        default_factory=_utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    published_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True, index=True)
    )
    attempts: int = 0
    last_error: str | None = Field(default=None, max_length=1000)


class InboxMessage(SQLModel, table=True):
    __tablename__ = "inbox_message"

    consumer: str = Field(primary_key=True, max_length=120)
    source: str = Field(primary_key=True, max_length=255)
    event_id: str = Field(primary_key=True, max_length=64)
    event_type: str = Field(max_length=255)
    processed_at: datetime = Field(
        default_factory=_utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


def enqueue(session: AsyncSession, event: CloudEvent) -> OutboxMessage:
    """Add the event to the caller's transaction; it is published only if that commits."""
    headers: dict[str, str] = {}
    inject_trace_context(headers)
    message = OutboxMessage(
        event_id=event.id,
        nats_subject=event.nats_subject,
        payload=event.to_json(),
        headers=headers,
    )
    session.add(message)
    return message
