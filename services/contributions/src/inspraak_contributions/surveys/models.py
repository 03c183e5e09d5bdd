"""Answers to a phase's survey or poll: one response per person per phase, drafts allowed."""

from datetime import datetime
from typing import Any

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_contributions.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    new_id,
    time_column,
    utcnow,
)


class SurveyResponse(SQLModel, table=True):
    __tablename__ = "survey_response"
    __table_args__ = (
        UniqueConstraint(
            "tenant",
            "project_id",
            "phase_id",
            "respondent_user_id",
            name="uq_survey_response_once",
        ),
        Index("ix_survey_response_phase", "tenant", "project_id", "phase_id", "status"),
    )

    response_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    phase_id: str = Field(max_length=ID_LENGTH)
    # Null after erasure: a submitted response stays in the results, unlinked.
    respondent_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=json_column())
    status: str = Field(default="draft", max_length=16)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    submitted_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
