"""One audited action per row; rows are never updated."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class AuditEntry(SQLModel, table=True):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_tenant_at", "tenant", "at"),
        Index("ix_audit_entry_tenant_target", "tenant", "target_user_id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    tenant: str = Field(max_length=63)
    at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    actor_user_id: str = Field(max_length=64)
    actor_username: str = Field(max_length=100)
    actor_role: str = Field(max_length=40)
    action: str = Field(max_length=100)
    target_user_id: str | None = Field(default=None, max_length=64)
    detail: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
