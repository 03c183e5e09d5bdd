"""Onboarding checklist items a person ticked off."""

from datetime import datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from inspraak_identity.schemas import utcnow


class OnboardingProgress(SQLModel, table=True):
    __tablename__ = "onboarding_progress"

    tenant: str = Field(primary_key=True, max_length=63)
    user_id: str = Field(primary_key=True, max_length=64)
    item_key: str = Field(primary_key=True, max_length=60)
    done_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
