"""Invitations; the token is stored only as its SHA-256."""

from datetime import datetime

from sqlalchemy import Column, DateTime, Index, Text
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class Invitation(SQLModel, table=True):
    __tablename__ = "invitation"
    __table_args__ = (
        Index("ix_invitation_tenant_status", "tenant", "status"),
        Index("ix_invitation_tenant_email", "tenant", "email"),
    )

    id: str = Field(primary_key=True, max_length=36)
    tenant: str = Field(max_length=63)
    email: str = Field(max_length=320)
    role: str = Field(max_length=40)
    scope: str | None = Field(default=None, max_length=20)
    scope_id: str | None = Field(default=None, max_length=100)
    external: bool = False
    message: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    language: str = Field(max_length=2)
    token_hash: str = Field(max_length=64, unique=True)
    # pending | accepted | revoked | expired (set by the sweeper; pending past
    # expires_at counts as expired before it runs)
    status: str = Field(max_length=20)
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    invited_by_user_id: str | None = Field(default=None, max_length=64)
    invited_by_username: str = Field(max_length=100)
    sent_count: int = 1
    last_sent_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    accepted_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    accepted_by_user_id: str | None = Field(default=None, max_length=64)
    revoked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_by: str | None = Field(default=None, max_length=100)
