"""A person's choice for one notification type; no row means the default (e-mail, at once)."""

from datetime import datetime

from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import ID_LENGTH, TENANT_LENGTH, time_column, utcnow


class NotificationPreference(SQLModel, table=True):
    __tablename__ = "notification_preference"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    user_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    kind: str = Field(primary_key=True, max_length=40)
    email: bool = True
    daily_digest: bool = False
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
