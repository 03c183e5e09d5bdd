"""The event snapshots the catalog reads (docs/events.md), validated before they are stored."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Snapshot(BaseModel):
    model_config = ConfigDict(extra="ignore")


class DepartmentSnapshot(_Snapshot):
    department_id: str
    version: int
    slug: str
    name: dict[str, str] = Field(default_factory=dict)


class PhaseSnapshot(_Snapshot):
    phase_id: str
    kind: str
    title: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime
    ends_at: datetime


class ProjectSnapshot(_Snapshot):
    project_id: str
    version: int
    slug: str
    department_id: str | None = None
    status: str
    visibility: str
    title: dict[str, str] = Field(default_factory=dict)
    summary: dict[str, str] = Field(default_factory=dict)
    areas: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    published_at: datetime | None = None
    phases: list[PhaseSnapshot] = Field(default_factory=list)


class InputCounts(_Snapshot):
    comments: int = 0
    up: int = 0


class InputSnapshot(_Snapshot):
    input_id: str
    version: int
    project_id: str
    title: str
    status: str
    hidden: bool = False
    deleted: bool = False
    counts: InputCounts = Field(default_factory=InputCounts)
    created_at: datetime


class ReactionCounts(_Snapshot):
    """`contributions.reaction.set`: the item's counts after a reaction (no voter named)."""

    item_type: str
    item_id: str
    counts: InputCounts


def phase_row(phase: PhaseSnapshot) -> dict[str, Any]:
    return phase.model_dump(mode="json")
