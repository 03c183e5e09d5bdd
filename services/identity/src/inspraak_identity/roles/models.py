"""Role grants (every role identity hands out) and support access granted by a superadmin."""

from datetime import datetime

from sqlalchemy import Column, DateTime, Index
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class RoleGrant(SQLModel, table=True):
    """A role for one person; scoped roles name their department or project."""

    __tablename__ = "role_grant"
    __table_args__ = (
        Index("ix_role_grant_tenant_user", "tenant", "user_id"),
        Index("ix_role_grant_tenant_scope", "tenant", "scope", "scope_id"),
    )

    id: str = Field(primary_key=True, max_length=36)
    tenant: str = Field(max_length=63)
    user_id: str = Field(max_length=64)
    username: str = Field(max_length=100)
    role: str = Field(max_length=40)
    scope: str | None = Field(default=None, max_length=20)
    scope_id: str | None = Field(default=None, max_length=100)
    external: bool = False
    # active | pending_terms (external moderator who has not agreed yet) | revoked
    status: str = Field(max_length=20)
    granted_by: str = Field(max_length=100)
    invitation_id: str | None = Field(default=None, max_length=36)
    granted_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    activated_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_by: str | None = Field(default=None, max_length=100)


class SupportGrant(SQLModel, table=True):
    """The tenant lets the vendor's support in until `expires_at`."""

    __tablename__ = "support_grant"
    __table_args__ = (Index("ix_support_grant_tenant_expires", "tenant", "expires_at"),)

    id: str = Field(primary_key=True, max_length=36)
    tenant: str = Field(max_length=63)
    granted_by_user_id: str = Field(max_length=64)
    granted_by_username: str = Field(max_length=100)
    reason: str = Field(max_length=500)
    starts_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    expires_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    revoked_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    revoked_by: str | None = Field(default=None, max_length=100)
