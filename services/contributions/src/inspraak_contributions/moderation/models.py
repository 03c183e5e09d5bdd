"""Reports of spam or abuse, and the moderators' decisions, kept as an audit trail."""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_contributions.columns import ID_LENGTH, TENANT_LENGTH, new_id, time_column, utcnow


class Report(SQLModel, table=True):
    __tablename__ = "report"
    __table_args__ = (
        UniqueConstraint(
            "tenant", "item_type", "item_id", "reporter_user_id", name="uq_report_once"
        ),
        Index("ix_report_project_open", "tenant", "project_id", "resolved_at"),
    )

    report_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    item_type: str = Field(max_length=16)
    item_id: str = Field(max_length=ID_LENGTH)
    reporter_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    reason: str = Field(max_length=16)
    note: str | None = Field(default=None, max_length=1000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    resolved_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
    resolution: str | None = Field(default=None, max_length=16)


class ModerationAction(SQLModel, table=True):
    __tablename__ = "moderation_action"
    __table_args__ = (Index("ix_moderation_action_item", "tenant", "item_type", "item_id"),)

    action_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    item_type: str = Field(max_length=16)
    item_id: str = Field(max_length=ID_LENGTH)
    action: str = Field(max_length=16)
    reason: str | None = Field(default=None, max_length=1000)
    actor_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    actor_username: str | None = Field(default=None, max_length=255)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
