"""The gateway's read model of a tenant: only what its pages show and how they look."""

from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class TenantBranding(SQLModel, table=True):
    __tablename__ = "tenant_branding"

    tenant: str = Field(primary_key=True, max_length=63)
    version: int
    display_name: str = Field(max_length=200)
    default_language: str = Field(max_length=8)
    languages: list[str] = Field(sa_column=Column(JSON, nullable=False))
    primary_color: str | None = Field(default=None, max_length=7)
    logo_url: str | None = Field(default=None, max_length=2000)
    allow_self_registration: bool = True
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
