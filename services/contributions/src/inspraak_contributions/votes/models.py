"""Votes in voting phases: support, multiple votes up to a maximum, participatory budget."""

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


class Vote(SQLModel, table=True):
    """One counted vote; a submitted budget basket is one vote per item in it.

    `input_id` names the input voted for, or the budget item when the phase offers its own.
    """

    __tablename__ = "vote"
    __table_args__ = (
        # The guarantee behind "one vote per person per item", also under races.
        UniqueConstraint(
            "tenant", "project_id", "phase_id", "input_id", "voter_user_id", name="uq_vote_once"
        ),
        Index("ix_vote_input", "tenant", "project_id", "phase_id", "input_id"),
        Index("ix_vote_voter", "tenant", "voter_user_id"),
        Index("ix_vote_project", "tenant", "project_id"),
    )

    vote_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    phase_id: str = Field(max_length=ID_LENGTH)
    input_id: str = Field(max_length=ID_LENGTH)
    # Null after erasure: the vote stays counted without a link to the person.
    voter_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class Ballot(SQLModel, table=True):
    """A voter's place in a phase: the row their concurrent writes queue on, and their basket."""

    __tablename__ = "ballot"
    __table_args__ = (
        UniqueConstraint(
            "tenant", "project_id", "phase_id", "voter_user_id", name="uq_ballot_voter"
        ),
    )

    ballot_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    phase_id: str = Field(max_length=ID_LENGTH)
    voter_user_id: str = Field(max_length=ID_LENGTH)
    basket_input_ids: list[str] = Field(default_factory=list, sa_column=json_column())
    basket_submitted_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class VoteTally(SQLModel, table=True):
    """The counted votes per input and phase, with a version that orders `votes.changed`."""

    __tablename__ = "vote_tally"

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    project_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    phase_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    input_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    votes: int = 0
    version: int = 0
