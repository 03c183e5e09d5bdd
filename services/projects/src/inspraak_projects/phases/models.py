"""A phase of a project's timeline."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, DateTime, ForeignKey, Index, text
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlmodel import Field, SQLModel

from inspraak_projects.common.clock import utcnow


class PhaseKind(StrEnum):
    INFORMATION = "information"
    IDEATION = "ideation"
    SURVEY = "survey"
    SPATIAL_PLAN = "spatial_plan"
    SCENARIO_PLANNING = "scenario_planning"
    VOTING = "voting"
    POLL = "poll"


class Eligibility(StrEnum):
    ANYONE = "anyone"
    REGISTERED = "registered"
    AREAS = "areas"


class ResultsVisibility(StrEnum):
    DURING = "during"  # results public while the phase runs
    AFTER = "after"  # public once the phase has ended
    STAFF = "staff"  # never public


class Phase(SQLModel, table=True):
    __tablename__ = "phase"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ck_phase_ends_after_start"),
        # Two phases of one project never overlap, even when written concurrently
        # (PostgreSQL with btree_gist; the service also checks first, for a clear message).
        ExcludeConstraint(
            ("project_id", "="),
            (text("tstzrange(starts_at, ends_at, '[)')"), "&&"),
            name="ex_phase_no_overlap",
            using="gist",
        ),
        Index("ix_phase_project_start", "project_id", "starts_at"),
        # The scheduler's queries: phases whose start or end is due and not yet announced.
        Index(
            "ix_phase_start_due",
            "starts_at",
            postgresql_where=text("started_announced_at IS NULL"),
        ),
        Index("ix_phase_end_due", "ends_at", postgresql_where=text("ended_announced_at IS NULL")),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    project_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    )
    kind: str = Field(max_length=20)
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    description: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    starts_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    ends_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    eligibility: str = Field(default=Eligibility.ANYONE, max_length=20)
    eligible_area_ids: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    results_visibility: str = Field(default=ResultsVisibility.AFTER, max_length=20)
    # The method's own settings: voting rules, survey questions or scenarios.
    config: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    input_received_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    started_announced_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    ended_announced_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
