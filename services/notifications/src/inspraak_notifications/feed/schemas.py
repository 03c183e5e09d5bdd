"""The feed as the API shows it: titles in the reader's language, links into the web app."""

from datetime import datetime

from pydantic import BaseModel, Field

from inspraak_notifications.kinds import NotificationType


class FeedItemRead(BaseModel):
    id: str
    kind: NotificationType
    title: str = Field(description="A one-line summary in the reader's language")
    link: str | None = Field(description="Where in the web app the notification leads")
    created_at: datetime
    read_at: datetime | None


class FeedPage(BaseModel):
    items: list[FeedItemRead]
    unread_count: int


class UnreadCount(BaseModel):
    unread_count: int


class MarkedRead(BaseModel):
    marked: int
