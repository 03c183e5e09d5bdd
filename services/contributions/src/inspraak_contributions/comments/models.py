"""Comments on inputs, with replies one level deep."""

from datetime import datetime

from sqlalchemy import Index, Text
from sqlmodel import Column, Field, SQLModel

from inspraak_contributions.columns import ID_LENGTH, TENANT_LENGTH, new_id, time_column, utcnow


class Comment(SQLModel, table=True):
    __tablename__ = "comment"
    __table_args__ = (
        Index("ix_comment_input", "tenant", "input_id", "created_at"),
        Index("ix_comment_project", "tenant", "project_id", "created_at"),
        Index("ix_comment_author", "tenant", "author_user_id"),
    )

    comment_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    input_id: str = Field(max_length=ID_LENGTH)
    parent_comment_id: str | None = Field(default=None, max_length=ID_LENGTH)
    author_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    author_username: str | None = Field(default=None, max_length=255)
    author_erased: bool = False
    # Written by a moderator as the municipality: shown with an official badge.
    official: bool = False
    body: str = Field(sa_column=Column(Text, nullable=False))
    hidden: bool = False
    hidden_reason: str | None = Field(default=None, max_length=1000)
    reviewed: bool = False
    edited: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    deleted_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
