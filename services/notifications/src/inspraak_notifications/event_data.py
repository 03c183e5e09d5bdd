"""Reading the other services' events: which kind an event is, and its fields as we need them."""

from datetime import datetime
from typing import Any

from inspraak_notifications.i18n import parse_time
from inspraak_shared.events import CloudEvent


def kind(event: CloudEvent) -> str:
    """`<service>.<entity>.<verb>` of an `eu.inspraak.<service>.<entity>.<verb>.v<n>` type."""
    parts = event.type.split(".")
    return ".".join(parts[2:5])


def text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None or value == "":
        return None
    return str(value)


def ids(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if item is not None and item != ""]


def time_of(data: dict[str, Any], key: str, event: CloudEvent) -> datetime:
    """A time field of the data, else the event's own time."""
    return parse_time(data.get(key)) or event.time


class ReadModelNotReady(Exception):  # noqa: N818 - raised to have the consumer retry later
    """The event refers to something another stream has not told us about yet: retry later."""
