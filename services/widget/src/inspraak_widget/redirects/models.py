"""Path redirects on a tenant's domains, e.g. /omgevingsvisie → a project page."""

import uuid
from datetime import datetime

from sqlalchemy import Column, DateTime, UniqueConstraint
from sqlmodel import Field, SQLModel

from inspraak_widget.sites.models import utcnow


class PathRedirect(SQLModel, table=True):
    __tablename__ = "path_redirect"
    __table_args__ = (UniqueConstraint("tenant", "source_path", name="uq_path_redirect_source"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    tenant: str = Field(max_length=63, index=True)
    # Lowercase, without a trailing slash: /Omgevingsvisie/ and /omgevingsvisie are one path.
    source_path: str = Field(max_length=300)
    # A path on the primary domain (/projects/x) or an https URL elsewhere.
    target: str = Field(max_length=2000)
    permanent: bool = True
    created_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
    updated_at: datetime = Field(
        default_factory=utcnow, sa_column=Column(DateTime(timezone=True), nullable=False)
    )
