"""The tenant as the widget needs it, kept from identity's `tenant.applied` events."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Site(SQLModel, table=True):
    __tablename__ = "site"

    tenant: str = Field(primary_key=True, max_length=63)
    version: int
    display_name: str = Field(max_length=200)
    default_language: str = Field(max_length=2)
    languages: list[str] = Field(sa_column=Column(JSON, nullable=False))
    primary_color: str | None = Field(default=None, max_length=7)
    logo_url: str | None = Field(default=None, max_length=500)
    # The domains the tenant spec named last: a change there is the operator's, and wins.
    spec_domains: dict[str, object] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
