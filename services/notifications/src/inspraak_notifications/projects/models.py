"""Project and department snapshots, and who follows which project."""

from datetime import datetime
from typing import Any

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    time_column,
    utcnow,
)


class ProjectView(SQLModel, table=True):
    __tablename__ = "project"
    __table_args__ = (Index("ix_project_department", "tenant", "department_id"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    project_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    version: int = 0
    slug: str = Field(default="", max_length=200)
    department_id: str | None = Field(default=None, max_length=ID_LENGTH)
    status: str = Field(default="draft", max_length=30)
    visibility: str = Field(default="public", max_length=30)
    title: dict[str, str] = Field(default_factory=dict, sa_column=json_column())
    input_use: dict[str, str] = Field(default_factory=dict, sa_column=json_column())
    moderator_user_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    allowed_user_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    phases: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column())
    published_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    archived_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))


class DepartmentView(SQLModel, table=True):
    __tablename__ = "department"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    department_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    version: int = 0
    name: dict[str, str] = Field(default_factory=dict, sa_column=json_column())
    head_user_ids: list[str] = Field(default_factory=list, sa_column=json_column())


class Follower(SQLModel, table=True):
    """Who follows a project: told about publication, new phases and updates."""

    __tablename__ = "follower"
    __table_args__ = (Index("ix_follower_user", "tenant", "user_id"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    project_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    user_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    followed_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
