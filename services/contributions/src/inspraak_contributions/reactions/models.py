"""Up or down reactions: one per person per input or comment."""

from datetime import datetime

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_contributions.columns import ID_LENGTH, TENANT_LENGTH, new_id, time_column, utcnow


class Reaction(SQLModel, table=True):
    __tablename__ = "reaction"
    __table_args__ = (
        # The guarantee behind "one reaction per person per item", also under races.
        UniqueConstraint("tenant", "item_type", "item_id", "user_id", name="uq_reaction_once"),
        Index("ix_reaction_item", "tenant", "item_type", "item_id"),
        Index("ix_reaction_project", "tenant", "project_id"),
    )

    reaction_id: str = Field(default_factory=new_id, primary_key=True, max_length=ID_LENGTH)
    tenant: str = Field(max_length=TENANT_LENGTH)
    project_id: str = Field(max_length=ID_LENGTH)
    item_type: str = Field(max_length=16)
    item_id: str = Field(max_length=ID_LENGTH)
    # Null after erasure: the reaction stays counted, unlinked from the person.
    user_id: str | None = Field(default=None, max_length=ID_LENGTH)
    value: str = Field(max_length=8)
    created_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
    updated_at: datetime = Field(default_factory=utcnow, sa_column=time_column())
