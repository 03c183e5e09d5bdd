"""A tenant's web addresses: its primary domain, alias domains, and the sites that embed it."""

from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, Index, text
from sqlmodel import Field, SQLModel

from inspraak_widget.sites.models import utcnow


class DomainConfig(SQLModel, table=True):
    """One row per tenant; also the lock that serialises changes to its domains and redirects."""

    __tablename__ = "domain_config"

    tenant: str = Field(primary_key=True, max_length=63)
    # Grows with every change of the host names; `widget.domains.changed` carries it.
    version: int = 0
    # Web origins of pages that may embed the widget besides the tenant's own domains.
    embed_origins: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class TenantHost(SQLModel, table=True):
    """A host name belongs to one tenant at most, across all tenants (the key says so)."""

    __tablename__ = "tenant_host"
    __table_args__ = (
        Index(
            "uq_tenant_host_primary",
            "tenant",
            unique=True,
            postgresql_where=text("is_primary"),
            sqlite_where=text("is_primary"),
        ),
    )

    host: str = Field(primary_key=True, max_length=253)
    tenant: str = Field(max_length=63, index=True)
    is_primary: bool = False
