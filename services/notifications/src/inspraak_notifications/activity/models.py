"""Dated facts about participation, counted by period and project."""

from datetime import datetime

from sqlalchemy import BigInteger, Column, Index, Integer, Text
from sqlmodel import Field, SQLModel

from inspraak_notifications.columns import ID_LENGTH, TENANT_LENGTH, time_column, utcnow


def _serial() -> Column:  # type: ignore[type-arg]
    # SQLite only auto-increments a column declared exactly INTEGER.
    return Column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )


class InputFact(SQLModel, table=True):
    """The newest snapshot of an input; `created_at` dates it into a period."""

    __tablename__ = "input_fact"
    __table_args__ = (Index("ix_input_fact_period", "tenant", "created_at"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    input_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    version: int = 0
    project_id: str = Field(max_length=ID_LENGTH)
    author_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    title: str = Field(default="", sa_column=Column(Text, nullable=False))
    status: str = Field(default="proposed", max_length=30)
    official_response: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    hidden: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class CommentFact(SQLModel, table=True):
    __tablename__ = "comment_fact"
    __table_args__ = (Index("ix_comment_fact_period", "tenant", "created_at"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    comment_id: str = Field(primary_key=True, max_length=ID_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    input_id: str | None = Field(default=None, max_length=ID_LENGTH)
    author_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())


class TallySample(SQLModel, table=True):
    """A running total at a moment (votes on an input, responses to a survey phase).

    The events carry totals, not voters; the count in a period is the newest total
    before its end minus the newest total before its start.
    """

    __tablename__ = "tally_sample"
    __table_args__ = (Index("ix_tally_sample_key", "tenant", "kind", "key", "at"),)

    id: int | None = Field(default=None, sa_column=_serial())
    tenant: str = Field(max_length=TENANT_LENGTH)
    kind: str = Field(max_length=20)
    key: str = Field(max_length=ID_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    at: datetime = Field(sa_column=time_column())
    value: int = 0


class InputOutcome(SQLModel, table=True):
    """What was done with an input: a new status, or an official response, and when."""

    __tablename__ = "input_outcome"
    __table_args__ = (Index("ix_input_outcome_period", "tenant", "at"),)

    id: int | None = Field(default=None, sa_column=_serial())
    tenant: str = Field(max_length=TENANT_LENGTH)
    input_id: str = Field(max_length=ID_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    kind: str = Field(max_length=20)  # status or response
    status: str = Field(max_length=30)
    at: datetime = Field(sa_column=time_column())


class ReportFact(SQLModel, table=True):
    __tablename__ = "report_fact"
    __table_args__ = (Index("ix_report_fact_period", "tenant", "at"),)

    id: int | None = Field(default=None, sa_column=_serial())
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    item_type: str = Field(max_length=20)
    item_id: str = Field(max_length=ID_LENGTH)
    at: datetime = Field(sa_column=time_column())


class RegistrationFact(SQLModel, table=True):
    """A registration; `subject` becomes a pseudonym when the person is erased."""

    __tablename__ = "registration_fact"
    __table_args__ = (Index("ix_registration_fact_period", "tenant", "registered_at"),)

    tenant: str = Field(primary_key=True, max_length=TENANT_LENGTH)
    subject: str = Field(primary_key=True, max_length=ID_LENGTH)
    registered_at: datetime = Field(sa_column=time_column())
