"""A project page and what hangs off it: tags, invited users, followers, approval decisions."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_projects.common.clock import utcnow


class ProjectStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Visibility(StrEnum):
    PUBLIC = "public"
    HIDDEN = "hidden"
    RESTRICTED = "restricted"


def _optional_time() -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=True))


class Project(SQLModel, table=True):
    __tablename__ = "project"
    __table_args__ = (
        UniqueConstraint("tenant", "slug", name="uq_project_slug"),
        # The listing's keyset order.
        Index("ix_project_listing", "tenant", "created_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    slug: str = Field(max_length=120)
    department_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("department.id"), nullable=False, index=True)
    )
    status: str = Field(default=ProjectStatus.DRAFT, max_length=20)
    visibility: str = Field(default=Visibility.PUBLIC, max_length=20)
    version: int = 1
    title: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    summary: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    description: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    goal: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    input_use: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    target_audience: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    agreement_note: str = Field(default="", sa_column=Column(Text, nullable=False))
    contact: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    header_image_url: str | None = Field(default=None, max_length=2000)
    area_geometry: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    # Lower-cased titles and summaries in every language, for resident search.
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    created_by_user_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    published_at: datetime | None = _optional_time()
    archived_at: datetime | None = _optional_time()


class ProjectTerm(SQLModel, table=True):
    """The areas and topics a project is tagged with."""

    __tablename__ = "project_term"

    project_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    )
    term_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("taxonomy_term.id"), primary_key=True, index=True)
    )
    kind: str = Field(max_length=10)


class ProjectAccess(SQLModel, table=True):
    """Who may enter a restricted project besides staff."""

    __tablename__ = "project_access"

    project_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    )
    user_id: str = Field(primary_key=True, max_length=64, index=True)


class ProjectFollower(SQLModel, table=True):
    __tablename__ = "project_follower"

    project_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"), primary_key=True)
    )
    user_id: str = Field(primary_key=True, max_length=64, index=True)
    followed_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class ApprovalDecision(SQLModel, table=True):
    """Every approval or send-back, so the moderator sees why and staff see the history."""

    __tablename__ = "approval_decision"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    project_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    decision: str = Field(max_length=20)  # approved / sent_back
    comment: str = Field(default="", sa_column=Column(Text, nullable=False))
    decided_by_user_id: str | None = Field(default=None, max_length=64)
    decided_by_username: str | None = Field(default=None, max_length=120)
    decided_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
