"""Every table of the gateway database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_gateway.branding.models import TenantBranding
from inspraak_gateway.sessions.models import LoginAttempt, WebSession
from inspraak_shared.events.outbox import InboxMessage, OutboxMessage

metadata = SQLModel.metadata

__all__ = [
    "InboxMessage",
    "LoginAttempt",
    "OutboxMessage",
    "TenantBranding",
    "WebSession",
    "metadata",
]
