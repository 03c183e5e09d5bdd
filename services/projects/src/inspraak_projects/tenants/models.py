"""A tenant's settings that projects need: its languages and whether publication needs approval."""

from datetime import datetime

from sqlalchemy import JSON, Column, DateTime
from sqlmodel import Field, SQLModel

from inspraak_projects.common.clock import utcnow


class TenantConfig(SQLModel, table=True):
    __tablename__ = "tenant_config"

    slug: str = Field(primary_key=True, max_length=63)
    # identity's snapshot version: an older or repeated snapshot never overwrites a newer one.
    version: int
    display_name: str = Field(max_length=200)
    default_language: str = Field(max_length=2)
    languages: list[str] = Field(sa_column=Column(JSON, nullable=False))
    require_project_approval: bool = False
    allow_external_moderators: bool = False
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
