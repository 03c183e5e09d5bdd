"""The team overview and the onboarding checklist, out; ticking an item, in."""

from datetime import datetime
from typing import Literal

from inspraak_identity.schemas import ApiModel, LocalizedText, ReadModel


class ChecklistItemRead(ReadModel):
    key: str
    title: LocalizedText


class RoleProfileRead(ReadModel):
    role: str
    external: bool
    scope: str
    title: LocalizedText
    task_package: LocalizedText
    workload: LocalizedText
    checklist: list[ChecklistItemRead]


class StakeholderRole(ReadModel):
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    status: Literal["active", "pending_terms", "invited"]
    grant_id: str | None = None
    invitation_id: str | None = None
    task_package: LocalizedText
    workload: LocalizedText


class OnboardingSummary(ReadModel):
    done: int
    total: int


class Stakeholder(ReadModel):
    user_id: str | None
    username: str | None
    email: str | None = None  # only for people invited and not yet signed up
    status: Literal["invited", "active", "inactive"]
    last_active_at: datetime | None
    roles: list[StakeholderRole]
    onboarding: OnboardingSummary | None = None


class PendingInvitation(ReadModel):
    id: str
    email: str
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    invited_by_username: str
    expires_at: datetime
    sent_count: int


class TeamOverview(ReadModel):
    generated_at: datetime
    whole_tenant: bool
    stakeholders: list[Stakeholder]
    pending_invitations: list[PendingInvitation]


class ChecklistEntry(ReadModel):
    key: str
    title: LocalizedText
    roles: list[str]
    done: bool
    done_at: datetime | None


class Checklist(ReadModel):
    items: list[ChecklistEntry]
    done: int
    total: int


class ChecklistTick(ApiModel):
    done: bool
