"""A person or organisation of a tenant; e-mail and names stay in Keycloak."""

from datetime import datetime

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class Person(SQLModel, table=True):
    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("tenant", "username", name="uq_person_tenant_username"),)

    tenant: str = Field(primary_key=True, max_length=63)
    user_id: str = Field(primary_key=True, max_length=64)
    username: str = Field(max_length=100)
    kind: str = Field(default="person", max_length=20)  # person | organisation
    organisation_type: str | None = Field(default=None, max_length=20)
    language: str | None = Field(default=None, max_length=2)
    # Self-declared area (a projects-service area id): which area-only phases admit them.
    area_id: str | None = Field(default=None, max_length=64)
    status: str = Field(default="active", max_length=20)  # active | erased
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    last_active_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    erased_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
