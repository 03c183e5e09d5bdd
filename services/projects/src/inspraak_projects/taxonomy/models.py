"""An area or a topic: one table, told apart by `kind`, because both are a named tag."""

import uuid
from enum import StrEnum

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


class TermKind(StrEnum):
    AREA = "area"
    TOPIC = "topic"


class Term(SQLModel, table=True):
    __tablename__ = "taxonomy_term"
    __table_args__ = (UniqueConstraint("tenant", "kind", "slug", name="uq_taxonomy_term_slug"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    kind: str = Field(max_length=10)
    slug: str = Field(max_length=80)
    name: dict[str, str] = Field(sa_column=Column(JSON, nullable=False))
