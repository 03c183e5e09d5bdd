"""Rankings of the scenarios a moderator described: one per person per phase."""

from datetime import datetime

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


class ScenarioRanking(SQLModel, table=True):
    __tablename__ = "scenario_ranking"
    __table_args__ = (
        UniqueConstraint(
            "tenant", "project_id", "phase_id", "user_id", name="uq_scenario_ranking_once"
        ),
        Index("ix_scenario_ranking_phase", "tenant", "project_id", "phase_id"),
    )

    ranking_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    phase_id: str = Field(max_length=ID_LENGTH)
    # Null after erasure: the ranking stays in the results, unlinked.
    user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    ranking: list[str] = Field(default_factory=list, sa_column=json_column())
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
