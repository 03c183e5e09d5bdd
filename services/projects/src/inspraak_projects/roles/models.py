"""One row per person, role and scope, kept as identity grants and revokes them."""

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

TENANT_WIDE = ""  # scope and scope_id of a tenant-wide role (NULL would defeat the unique key)


class RoleGrant(SQLModel, table=True):
    __tablename__ = "role_grant"
    __table_args__ = (
        UniqueConstraint("tenant", "user_id", "role", "scope", "scope_id", name="uq_role_grant"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    user_id: str = Field(max_length=64, index=True)
    username: str = Field(max_length=120)
    role: str = Field(max_length=40)
    scope: str = Field(max_length=20)
    scope_id: str = Field(max_length=64, index=True)
    external: bool = False
    status: str = Field(max_length=20)  # active / pending_terms / revoked
    # Time of the identity event that set this state: an older event never undoes a newer one.
    changed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
