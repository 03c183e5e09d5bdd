"""Column helpers every table of this service uses: ids, times and JSON."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import JSON, Column, DateTime

TENANT_LENGTH = 63
ID_LENGTH = 64


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def json_column(*, nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(JSON, nullable=nullable)


def time_column(*, nullable: bool = False, index: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable, index=index)
