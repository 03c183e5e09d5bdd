"""A department of a municipality, e.g. "Green spaces"."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_projects.common.clock import utcnow


class Department(SQLModel, table=True):
    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("tenant", "slug", name="uq_department_slug"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    slug: str = Field(max_length=80)
    name: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
    version: int = 1
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
