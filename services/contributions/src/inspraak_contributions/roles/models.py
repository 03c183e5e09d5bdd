"""The local read model of role grants, kept from the identity service's role events."""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from inspraak_contributions.columns import ID_LENGTH, TENANT_LENGTH, time_column


class RoleGrant(SQLModel, table=True):
    """One grant as identity last told us about it; `stage` orders its lifecycle."""

    __tablename__ = "role_grant"
    __table_args__ = (Index("ix_role_grant_user", "tenant", "user_id"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    grant_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    user_id: str = Field(max_length=ID_LENGTH)
    username: str = Field(max_length=255)
    role: str = Field(max_length=40)
    scope: str | None = Field(default=None, max_length=20)
    scope_id: str | None = Field(default=None, max_length=100)
    external: bool = False
    # pending_terms | active | revoked
    status: str = Field(max_length=20)
    # 1 pending_terms, 2 active, 3 revoked: a grant only ever moves forward.
    stage: int
    # The CloudEvent `time` of the event that set this state (for audit; not for ordering).
    event_time: datetime = Field(sa_column=time_column())
