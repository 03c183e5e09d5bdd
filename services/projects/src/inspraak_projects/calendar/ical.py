"""Renders calendar entries as an iCalendar (RFC 5545) document."""

from dataclasses import dataclass, field
from datetime import datetime

from icalendar import Calendar, Event

from inspraak_projects.common.clock import utcnow

PRODID = "-//Inspraak//Content calendar//EN"


@dataclass(frozen=True)
class Entry:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime | None = None
    description: str = ""
    categories: tuple[str, ...] = field(default=())


def render(name: str, entries: list[Entry]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = utcnow()
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.starts_at)
        # A moment (a phase starting, a publication) is a zero-length event.
        event.add("dtend", entry.ends_at or entry.starts_at)
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        if entry.categories:
            event.add("categories", list(entry.categories))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
