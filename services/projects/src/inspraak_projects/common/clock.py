"""The time, in one place, always with a time zone."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
