"""The project -> department read model, and the departments the projects service announced."""

from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel


class ProjectDepartment(SQLModel, table=True):
    __tablename__ = "project_department"

    tenant: str = Field(primary_key=True, max_length=63)
    project_id: str = Field(primary_key=True, max_length=100)
    department_id: str | None = Field(default=None, max_length=100)
    deleted: bool = False
    # The newest snapshot applied (its `version`, else its time): an older one arriving
    # late changes nothing.
    version: int | None = None
    event_time: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class KnownDepartment(SQLModel, table=True):
    """A department from `projects.department.*`: what an invitation's scope may name."""

    __tablename__ = "known_department"

    tenant: str = Field(primary_key=True, max_length=63)
    department_id: str = Field(primary_key=True, max_length=100)
    deleted: bool = False
    version: int | None = None
    event_time: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
