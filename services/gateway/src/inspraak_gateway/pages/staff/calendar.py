"""The content calendar's iCalendar feed read as a list: the few RFC 5545 rules the
projects service's feed uses (folded lines, escaped text, UTC or TZID date-times)."""

from dataclasses import dataclass
from datetime import UTC, datetime

PHASE_MOMENTS = ("phase-start", "phase-end")


@dataclass(frozen=True)
class CalendarEntry:
    summary: str
    starts_at: datetime
    moment: str  # phase-start or phase-end
    method: str


def _unfold(text: str) -> list[str]:
    lines: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line[:1] in (" ", "\t") and lines:
            lines[-1] += line[1:]
        elif line:
            lines.append(line)
    return lines


def _unescape(value: str) -> str:
    return (
        value.replace("\\n", "\n").replace("\\N", "\n").replace("\\,", ",").replace("\\;", ";")
    ).replace("\\\\", "\\")


def _moment(value: str) -> datetime | None:
    """20261129T120000Z, or a local time with a TZID the feed sets to UTC."""
    stamp = value.rstrip("Z")
    try:
        parsed = datetime.strptime(stamp, "%Y%m%dT%H%M%S")
    except ValueError:
        try:
            parsed = datetime.strptime(stamp, "%Y%m%d")
        except ValueError:
            return None
    return parsed.replace(tzinfo=UTC)


def phase_moments(feed: str, now: datetime) -> list[CalendarEntry]:
    """Upcoming phase starts and ends, soonest first."""
    entries: list[CalendarEntry] = []
    event: dict[str, str] | None = None
    for line in _unfold(feed):
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        if line == "BEGIN:VEVENT":
            event = {}
        elif line == "END:VEVENT" and event is not None:
            entry = _entry(event)
            if entry is not None and entry.starts_at >= now:
                entries.append(entry)
            event = None
        elif event is not None:
            event[key] = value
    return sorted(entries, key=lambda e: e.starts_at)


def _entry(event: dict[str, str]) -> CalendarEntry | None:
    categories = [c.strip() for c in event.get("CATEGORIES", "").split(",")]
    moment = next((c for c in categories if c in PHASE_MOMENTS), None)
    starts_at = _moment(event.get("DTSTART", ""))
    if moment is None or starts_at is None:
        return None
    return CalendarEntry(
        summary=_unescape(event.get("SUMMARY", "")),
        starts_at=starts_at,
        moment=moment,
        method=_unescape(event.get("DESCRIPTION", "")),
    )
