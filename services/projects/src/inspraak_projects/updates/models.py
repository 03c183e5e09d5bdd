"""A news post on a project page."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, ForeignKey, Index
from sqlmodel import Field, SQLModel

from inspraak_projects.common.clock import utcnow


class ProjectUpdate(SQLModel, table=True):
    __tablename__ = "project_update"
    __table_args__ = (Index("ix_project_update_listing", "project_id", "posted_at"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    project_id: uuid.UUID = Field(
        sa_column=Column(ForeignKey("project.id", ondelete="CASCADE"), nullable=False)
    )
    title: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    body: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    # Emptied when the author's account is erased; the post itself stays (it is the municipality's).
    posted_by_user_id: str | None = Field(default=None, max_length=64, index=True)
    posted_by_username: str | None = Field(default=None, max_length=120)
    posted_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
