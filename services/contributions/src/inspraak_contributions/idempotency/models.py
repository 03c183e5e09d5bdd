"""Responses of writes sent with an `Idempotency-Key`, so a retried request does not count twice."""

from datetime import datetime
from typing import Any

from sqlmodel import Field, SQLModel

from inspraak_contributions.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    time_column,
    utcnow,
)


class IdempotentRequest(SQLModel, table=True):
    __tablename__ = "idempotent_request"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    user_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    key: str = Field(primary_key=True, max_length=200)
    fingerprint: str = Field(max_length=64)
    response_status: int | None = None
    response_body: dict[str, Any] | None = Field(default=None, sa_column=json_column(nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column(index=True))
