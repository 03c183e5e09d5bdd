"""Inputs (ideas and map input) that residents post in a project's phase."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Column, Field, SQLModel

from inspraak_contributions.columns import (
    ID_LENGTH,
    TENANT_LENGTH,
    json_column,
    money_column,
    new_id,
    time_column,
    utcnow,
)


class Input(SQLModel, table=True):
    __tablename__ = "input"
    __table_args__ = (
        Index("ix_input_project_created", "tenant", "project_id", "created_at"),
        Index("ix_input_author", "tenant", "author_user_id"),
    )

    input_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    phase_id: str = Field(max_length=ID_LENGTH)
    # Null after the author's account was erased: the input stays, unlinked.
    author_user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    author_username: str | None = Field(default=None, max_length=255)
    author_erased: bool = False
    title: str = Field(max_length=200)
    body: str = Field(sa_column=Column(Text, nullable=False))
    topic_id: str | None = Field(default=None, max_length=ID_LENGTH)
    area_id: str | None = Field(default=None, max_length=ID_LENGTH)
    image_urls: list[str] = Field(default_factory=list, sa_column=json_column())
    location: dict[str, Any] | None = Field(default=None, sa_column=json_column(nullable=True))
    status: str = Field(default="proposed", max_length=32)
    official_response: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    official_response_at: datetime | None = Field(
        default=None, sa_column=time_column(nullable=True)
    )
    # What carrying the input out would cost, set by the municipality for budget voting.
    cost: Decimal | None = Field(default=None, sa_column=money_column())
    hidden: bool = False
    hidden_reason: str | None = Field(default=None, max_length=1000)
    reviewed: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    deleted_at: datetime | None = Field(default=None, sa_column=time_column(nullable=True))
