"""The people, roles and tenants this service knows from identity events."""

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    time_column,
    utcnow,
)


class Person(SQLModel, table=True):
    """Whom to mail and in which language; deleted when the person is erased."""

    __tablename__ = "person"
    __table_args__ = (Index("ix_person_username", "tenant", "username"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    user_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    username: str = Field(max_length=255)
    email: str | None = Field(default=None, max_length=320)
    language: str | None = Field(default=None, max_length=8)
    kind: str = Field(default="person", max_length=20)
    # The event time of the last contact change applied: older ones are ignored.
    contact_updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class RoleAssignment(SQLModel, table=True):
    """A role someone holds; `scope`/`scope_id` are empty for tenant-wide roles."""

    __tablename__ = "role_assignment"
    __table_args__ = (Index("ix_role_assignment_role", "tenant", "role", "scope", "scope_id"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    user_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    role: str = Field(primary_key=True, max_length=40)
    scope: str = Field(default="", primary_key=True, max_length=40)
    scope_id: str = Field(default="", primary_key=True, max_length=ID_LENGTH)
    external: bool = False
    status: str = Field(default="active", max_length=20)
    granted_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class TenantInfo(SQLModel, table=True):
    """A municipality as `tenant.applied` describes it: name, languages, domain, branding."""

    __tablename__ = "tenant"

    slug: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    version: int = 0
    display_name: str = Field(max_length=200)
    country: str = Field(default="NL", max_length=2)
    default_language: str = Field(default="nl", max_length=8)
    languages: list[str] = Field(default_factory=list, sa_column=json_column())
    primary_domain: str | None = Field(default=None, max_length=253)
    branding: dict[str, str | None] = Field(default_factory=dict, sa_column=json_column())
    # When this service first heard of the tenant: the default launch moment.
    first_seen_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
