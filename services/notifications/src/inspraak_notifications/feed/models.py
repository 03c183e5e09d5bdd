"""One row per notification shown in a person's feed."""

from datetime import datetime
from typing import Any

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    new_id,
    time_column,
    utcnow,
)


class FeedItem(SQLModel, table=True):
    __tablename__ = "feed_item"
    __table_args__ = (
        UniqueConstraint("tenant", "user_id", "dedupe_key", name="uq_feed_item_dedupe"),
        Index("ix_feed_item_person", "tenant", "user_id", "created_at"),
        Index(
            "ix_feed_item_unread",
            "tenant",
            "user_id",
            postgresql_where=text("read_at IS NULL"),
            sqlite_where=text("read_at IS NULL"),
        ),
    )

    id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    user_id: str = Field(max_length=ID_LENGTH)
    kind: str = Field(max_length=40)
    params: dict[str, Any] = Field(default_factory=dict, sa_column=json_column())
    actor_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    dedupe_key: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    read_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
