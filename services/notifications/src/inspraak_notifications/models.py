"""Every table of the notifications database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_notifications.activity.models import (
    CommentFact,
    InputFact,
    InputOutcome,
    RegistrationFact,
    ReportFact,
    TallySample,
)
from inspraak_notifications.digests.models import DigestRun, PendingDigestItem
from inspraak_notifications.directory.models import Person, RoleAssignment, TenantInfo
from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.mail.models import MailMessage, SuppressedAddress
from inspraak_notifications.policy_updates.models import PolicyUpdate, PolicyUpdateSettings
from inspraak_notifications.preferences.models import NotificationPreference
from inspraak_notifications.projects.models import DepartmentView, Follower, ProjectView
from inspraak_shared.events.outbox import InboxMessage, OutboxMessage

metadata = SQLModel.metadata

__all__ = [
    "CommentFact",
    "DepartmentView",
    "DigestRun",
    "FeedItem",
    "Follower",
    "InboxMessage",
    "InputFact",
    "InputOutcome",
    "MailMessage",
    "NotificationPreference",
    "OutboxMessage",
    "PendingDigestItem",
    "Person",
    "PolicyUpdate",
    "PolicyUpdateSettings",
    "ProjectView",
    "RegistrationFact",
    "ReportFact",
    "RoleAssignment",
    "SuppressedAddress",
    "TallySample",
    "TenantInfo",
    "metadata",
]
