"""Evaluation moments planned by communications, and personal calendar subscription links."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, ForeignKey
from sqlmodel import Field, SQLModel

from inspraak_projects.common.clock import utcnow


class EvaluationMoment(SQLModel, table=True):
    __tablename__ = "evaluation_moment"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    department_id: uuid.UUID | None = Field(
        default=None, sa_column=Column(ForeignKey("department.id", ondelete="CASCADE"))
    )
    project_id: uuid.UUID | None = Field(
        default=None, sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"))
    )
    title: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    planned_for: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_by_user_id: str | None = Field(default=None, max_length=64, index=True)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class CalendarFeed(SQLModel, table=True):
    """A secret subscription link: calendar apps cannot send a bearer token."""

    __tablename__ = "calendar_feed"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    user_id: str = Field(max_length=64, index=True)
    department_id: uuid.UUID | None = Field(
        default=None, sa_column=Column(ForeignKey("department.id", ondelete="CASCADE"))
    )
    # Only the hash is kept: a database leak does not hand out working links.
    token_hash: str = Field(max_length=64, unique=True)
    language: str = Field(max_length=2)
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
