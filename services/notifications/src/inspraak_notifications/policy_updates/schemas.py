"""Policy-maker updates and their settings in and out of the API."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class PolicyUpdateSummary(BaseModel):
    id: str
    period_index: int = Field(description="0 at launch, then 1, 2, ... every three months")
    period_start: datetime
    period_end: datetime
    status: str = Field(description="draft or sent")
    auto_send_at: datetime | None
    sent_at: datetime | None
    recipients: int


class PolicyUpdateRead(PolicyUpdateSummary):
    introduction: str | None
    sender_username: str | None
    figures: dict[str, Any]


class PolicyUpdateEdit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    introduction: str | None = Field(
        max_length=5000, description="The superadmin's personal introduction; null removes it"
    )


class PolicyUpdateSettingsRead(BaseModel):
    launch_at: datetime = Field(description="The launch: the first update goes out then")
    auto_send_after_days: int | None = Field(
        description="Drafts go out by themselves this many days after they are due; null: never"
    )


class PolicyUpdateSettingsWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    launch_at: datetime | None = None
    auto_send_after_days: int | None = Field(default=7, ge=0, le=90)
