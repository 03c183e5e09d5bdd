"""Terms of use per tenant (versioned), and who accepted which version."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class Terms(SQLModel, table=True):
    __tablename__ = "terms"

    tenant: str = Field(primary_key=True, max_length=63)
    version: int = 1
    text: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    updated_by: str | None = Field(default=None, max_length=100)
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )


class TermsAcceptance(SQLModel, table=True):
    __tablename__ = "terms_acceptance"

    tenant: str = Field(primary_key=True, max_length=63)
    user_id: str = Field(primary_key=True, max_length=64)
    version: int = Field(primary_key=True)
    accepted_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
