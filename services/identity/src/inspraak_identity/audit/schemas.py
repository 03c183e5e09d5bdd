"""Audit entries out."""

from datetime import datetime
from typing import Any

from inspraak_identity.schemas import ReadModel


class AuditEntryRead(ReadModel):
    id: str
    at: datetime
    actor_user_id: str
    actor_username: str
    actor_role: str
    action: str
    target_user_id: str | None
    detail: dict[str, Any]
