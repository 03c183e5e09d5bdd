"""Every table of the widget database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_shared.events.outbox import InboxMessage, OutboxMessage
from inspraak_widget.catalog.models import (
    CatalogDepartment,
    CatalogInput,
    CatalogProject,
    CatalogProjectTerm,
)
from inspraak_widget.domains.models import DomainConfig, TenantHost
from inspraak_widget.redirects.models import PathRedirect
from inspraak_widget.sites.models import Site

metadata = SQLModel.metadata

__all__ = [
    "CatalogDepartment",
    "CatalogInput",
    "CatalogProject",
    "CatalogProjectTerm",
    "DomainConfig",
    "InboxMessage",
    "OutboxMessage",
    "PathRedirect",
    "Site",
    "TenantHost",
    "metadata",
]
