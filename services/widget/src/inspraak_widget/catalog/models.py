"""The public side of projects and inputs, kept from the projects and contributions events.

Only what a widget shows is stored: no user ids, no usernames, no e-mail addresses.
"""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Index
from sqlmodel import Field, SQLModel

from inspraak_widget.sites.models import utcnow


class CatalogDepartment(SQLModel, table=True):
    __tablename__ = "catalog_department"

    tenant: str = Field(primary_key=True, max_length=63)
    department_id: str = Field(primary_key=True, max_length=64)
    version: int
    slug: str = Field(max_length=120)
    name: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    # Kept as a tombstone so a late, older `department.updated` cannot bring it back.
    deleted: bool = False


class CatalogProject(SQLModel, table=True):
    __tablename__ = "catalog_project"
    __table_args__ = (Index("ix_catalog_project_listing", "tenant", "status", "visibility"),)

    tenant: str = Field(primary_key=True, max_length=63)
    project_id: str = Field(primary_key=True, max_length=64)
    version: int
    slug: str = Field(max_length=120)
    department_id: str | None = Field(default=None, max_length=64)
    status: str = Field(max_length=20)
    visibility: str = Field(max_length=20)
    title: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    summary: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    # [{phase_id, kind, title {lang: text}, starts_at, ends_at}] in the project's order.
    phases: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    published_at: datetime | None = Field(
        default=None, sa_column=Column(DateTime(timezone=True), nullable=True)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class CatalogProjectTerm(SQLModel, table=True):
    """The areas and topics a project is tagged with, for the widget's filters."""

    __tablename__ = "catalog_project_term"
    __table_args__ = (Index("ix_catalog_project_term_term", "tenant", "term_id"),)

    tenant: str = Field(primary_key=True, max_length=63)
    project_id: str = Field(primary_key=True, max_length=64)
    term_id: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=10)  # area / topic


class CatalogInput(SQLModel, table=True):
    __tablename__ = "catalog_input"
    __table_args__ = (Index("ix_catalog_input_project", "tenant", "project_id", "created_at"),)

    tenant: str = Field(primary_key=True, max_length=63)
    input_id: str = Field(primary_key=True, max_length=64)
    version: int
    project_id: str = Field(max_length=64)
    title: str = Field(max_length=300)
    status: str = Field(max_length=30)
    # Hidden by a moderator or deleted: never shown.
    withdrawn: bool = False
    comments: int = 0
    up: int = 0
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
