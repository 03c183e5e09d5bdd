"""Reports and moderation as the API takes and returns them."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from inspraak_contributions.inputs.schemas import AuthorRead
from inspraak_contributions.reactions.schemas import ItemType

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=1000)]


class ReportReason(StrEnum):
    SPAM = "spam"
    ABUSIVE = "abusive"
    OTHER = "other"


class QueueState(StrEnum):
    NEW = "new"
    REPORTED = "reported"
    HIDDEN = "hidden"


class ReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_type: ItemType
    item_id: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    reason: ReportReason
    note: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None


class ReportRead(BaseModel):
    report_id: str
    item_type: ItemType
    item_id: str
    reason: ReportReason
    created_at: datetime


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason


class QueueItem(BaseModel):
    item_type: ItemType
    item_id: str
    input_id: str
    title: str | None
    excerpt: str
    author: AuthorRead
    official: bool
    created_at: datetime
    hidden: bool
    hidden_reason: str | None
    reviewed: bool
    open_reports: int
    report_reasons: dict[str, int]


class ActionRead(BaseModel):
    item_type: ItemType
    item_id: str
    action: str
    reason: str | None
    actor_username: str | None
    created_at: datetime
