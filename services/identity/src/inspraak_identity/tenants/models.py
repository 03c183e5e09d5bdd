"""The tenants identity knows, with the spec each was last applied with."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class Tenant(SQLModel, table=True):
    __tablename__ = "tenant"

    slug: str = Field(primary_key=True, max_length=63)
    display_name: str = Field(max_length=200)
    country: str = Field(max_length=2)
    default_language: str = Field(max_length=2)
    languages: list[str] = Field(sa_column=Column(JSON, nullable=False))
    # The domains in use: the spec's, or the widget service's when its change is the
    # latest (`widget.domains.changed`); invitations and the Keycloak realm follow these.
    primary_domain: str = Field(max_length=253)
    domain_aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The newest `widget.domains.changed` version applied: an older one changes nothing.
    widget_domains_version: int | None = None
    allow_external_moderators: bool = False
    allow_self_registration: bool = True
    require_project_approval: bool = True
    keycloak_url: str | None = Field(default=None, max_length=500)
    # Grows with every change; `tenant.applied` carries it so consumers skip stale snapshots.
    version: int = 1
    spec: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
