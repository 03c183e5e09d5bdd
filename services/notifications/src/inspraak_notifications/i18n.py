"""Languages, language maps and dates as people read them (nl, fr, en), without Babel."""

from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

Language = Literal["nl", "fr", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "fr", "en")
FALLBACK_LANGUAGE: Language = "nl"

_ZONES = {"NL": ZoneInfo("Europe/Amsterdam"), "BE": ZoneInfo("Europe/Brussels")}

_MONTHS: dict[str, tuple[str, ...]] = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni",
        "juli", "augustus", "september", "oktober", "november", "december",
    ),
    "fr": (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}  # fmt: skip


def as_language(value: Any) -> Language | None:
    return value if value in LANGUAGES else None


def pick_language(*candidates: Any) -> Language:
    """The first supported language among the candidates (the person's, then the tenant's)."""
    for candidate in candidates:
        language = as_language(candidate)
        if language is not None:
            return language
    return FALLBACK_LANGUAGE


def localized(value: Any, language: Language) -> str:
    """A text from a language map in the wanted language, else any language it has."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return ""
    for key in (language, "nl", "fr", "en", *value.keys()):
        text = value.get(key)
        if isinstance(text, str) and text:
            return text
    return ""


def zone(country: str | None) -> ZoneInfo:
    return _ZONES.get(country or "", _ZONES["NL"])


def format_date(moment: datetime, language: Language, country: str | None = None) -> str:
    local = moment.astimezone(zone(country))
    month = _MONTHS[language][local.month - 1]
    if language == "en":
        return f"{local.day} {month} {local.year}"
    day = "1er" if language == "fr" and local.day == 1 else str(local.day)
    return f"{day} {month} {local.year}"


def format_datetime(moment: datetime, language: Language, country: str | None = None) -> str:
    local = moment.astimezone(zone(country))
    joiner = {"nl": "om", "fr": "à", "en": "at"}[language]
    return f"{format_date(moment, language, country)} {joiner} {local:%H:%M}"


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 time from an event, or None when absent or malformed."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
