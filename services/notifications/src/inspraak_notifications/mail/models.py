"""Mail to send and sent: one row per message, recorded before the SMTP call."""

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    new_id,
    time_column,
    utcnow,
)


class MailStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # claimed: the SMTP call is under way (or its process died)
    RETRY = "retry"  # a try failed for a reason that may pass; waits for `next_attempt_at`
    SENT = "sent"
    FAILED = "failed"  # gave up after the last try
    BOUNCED = "bounced"  # refused permanently: the address is suppressed
    SUPPRESSED = "suppressed"  # not tried: the address refused mail before
    CANCELLED = "cancelled"  # not sent: unsubscribed, erased, or no address


PENDING = (MailStatus.QUEUED, MailStatus.RETRY)


class MailMessage(SQLModel, table=True):
    __tablename__ = "mail_message"
    __table_args__ = (
        UniqueConstraint("tenant", "dedupe_key", name="uq_mail_message_dedupe"),
        Index("ix_mail_message_due", "status", "next_attempt_at"),
        Index("ix_mail_message_tenant", "tenant", "created_at"),
        Index("ix_mail_message_user", "tenant", "user_id"),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    kind: str = Field(max_length=40)
    # A person's mail is addressed by user id and resolved at sending (their newest
    # address and language); an invitation has only an address.
    user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    to_address: str | None = Field(default=None, max_length=320)
    language: str | None = Field(default=None, max_length=8)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=json_column())
    # Whose action the mail tells about: scrubbed when that person is erased.
    actor_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    dedupe_key: str = Field(max_length=255)
    status: str = Field(default=MailStatus.QUEUED, max_length=20)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    # While `sending`: when the claim was taken or last renewed, and by which round. A live
    # round renews it every third of the lease; only a lapsed one is taken over.
    sending_started_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    claim_token: str | None = Field(default=None, max_length=ID_LENGTH)
    sent_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    last_error: str | None = Field(default=None, max_length=500)


class SuppressedAddress(SQLModel, table=True):
    """An address that refused mail permanently: not tried again until a superadmin releases it."""

    __tablename__ = "suppressed_address"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    address: str = Field(primary_key=True, max_length=320)
    reason: str = Field(max_length=500)
    mail_id: str | None = Field(default=None, max_length=ID_LENGTH)
    suppressed_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
