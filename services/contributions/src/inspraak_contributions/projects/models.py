"""The local read model of projects and their phases, kept from the projects service's events."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Field, SQLModel

from inspraak_contributions.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    money_column,
    time_column,
    utcnow,
)


class Project(SQLModel, table=True):
    __tablename__ = "project"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    project_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    version: int
    department_id: str | None = Field(default=None, max_length=ID_LENGTH)
    status: str = Field(max_length=32)
    visibility: str = Field(max_length=32)
    allowed_group_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    title: dict[str, str] = Field(default_factory=dict, sa_column=json_column())
    topics: list[str] = Field(default_factory=list, sa_column=json_column())
    areas: list[str] = Field(default_factory=list, sa_column=json_column())
    area_geometry: dict[str, Any] | None = Field(default=None, sa_column=json_column(nullable=True))
    moderator_user_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    allowed_user_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class Phase(SQLModel, table=True):
    __tablename__ = "phase"
    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    project_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    phase_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    position: int = 0
    kind: str = Field(max_length=32)
    title: dict[str, str] = Field(default_factory=dict, sa_column=json_column())
    starts_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    ends_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    voting_method: str | None = Field(default=None, max_length=32)
    max_votes: int | None = None
    budget: Decimal | None = Field(default=None, sa_column=money_column())
    currency: str | None = Field(default=None, max_length=8)
    # Costed items of a participatory budget; when empty, the project's inputs are voted on.
    budget_items: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column())
    eligibility: str = Field(default="registered", max_length=16)
    eligible_area_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    results_visibility: str = Field(default="staff", max_length=16)
    survey_id: str | None = Field(default=None, max_length=ID_LENGTH)
    survey_questions: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column())
    scenarios: list[dict[str, Any]] = Field(default_factory=list, sa_column=json_column())
