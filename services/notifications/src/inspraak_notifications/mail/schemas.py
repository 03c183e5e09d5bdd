"""The mail outbox as superadmins see it: who, what kind, when, status; never a body."""

from datetime import datetime

from pydantic import BaseModel, Field

from inspraak_notifications.mail.models import MailStatus


class MailRead(BaseModel):
    id: str
    kind: str
    recipient_address: str | None = Field(description="Known once the mail was prepared")
    recipient_user_id: str | None
    status: MailStatus
    attempts: int
    created_at: datetime
    next_attempt_at: datetime | None
    sent_at: datetime | None
    last_error: str | None


class MailPage(BaseModel):
    items: list[MailRead]
    total: int


class SuppressedAddressRead(BaseModel):
    address: str
    reason: str
    suppressed_at: datetime
