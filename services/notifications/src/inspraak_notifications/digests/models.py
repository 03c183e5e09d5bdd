"""What waits for the next digest, and which digests went out (one per person and period)."""

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Index, Integer
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    time_column,
    utcnow,
)


class PendingDigestItem(SQLModel, table=True):
    __tablename__ = "pending_digest_item"
    __table_args__ = (Index("ix_pending_digest_item_person", "tenant", "user_id", "kind"),)

    id: int | None = Field(
        default=None,
        sa_column=Column(
            BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
        ),
    )
    tenant: str = Field(max_length=TENANT_LENGTH)
    user_id: str = Field(max_length=ID_LENGTH)
    kind: str = Field(max_length=40)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=json_column())
    actor_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class DigestRun(SQLModel, table=True):
    """The primary key makes a digest go out once per person, kind and period, on any replica."""

    __tablename__ = "digest_run"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    user_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    kind: str = Field(primary_key=True, max_length=40)
    period_key: str = Field(primary_key=True, max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
