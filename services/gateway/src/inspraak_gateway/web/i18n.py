"""Texts in nl, fr and en from gettext catalogues, and which language a page speaks.

The `.po` files under `locale/` are read with Babel when the process starts: no compiled
`.mo` artefact has to be built or committed, and a test fails on any text that is missing
or empty in a language. The language is the person's choice (session, then cookie), then
the browser's `Accept-Language`, then the municipality's default, always one of the
languages the municipality enabled.
"""

import functools
import gettext
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")
LANGUAGE_NAMES: dict[str, str] = {"nl": "Nederlands", "fr": "Français", "en": "English"}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark, translate later"
    return message


def _english_plural(n: int) -> int:
    return int(n != 1)


@dataclass(frozen=True)
class Catalogue:
    language: str
    singular: dict[str, str] = field(default_factory=dict)
    plural: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Which of the plural forms a number takes: the catalogue's own Plural-Forms rule.
    plural_form: Callable[[int], int] = _english_plural

    def gettext(self, message: str) -> str:
        return self.singular.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plural.get(singular)
        index = self.plural_form(n)
        if forms and index < len(forms) and forms[index]:
            return forms[index]
        return singular if n == 1 else plural


def read_catalogue(language: str, locale_dir: Path = LOCALE_DIR) -> Catalogue:
    path = locale_dir / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    singular: dict[str, str] = {}
    plural: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            plural[message.id[0]] = tuple(message.string or ())
        else:
            singular[message.id] = str(message.string or "")
    return Catalogue(language, singular, plural, gettext.c2py(catalog.plural_expr))


@functools.cache
def catalogues() -> dict[str, Catalogue]:
    return {language: read_catalogue(language) for language in LANGUAGES}


def from_accept_language(header: str, enabled: tuple[str, ...]) -> str | None:
    """The enabled language the browser prefers most (`nl-BE;q=0.8` counts as `nl`)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        language = tag.strip().lower().split("-", 1)[0]
        if language in enabled and quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else None


def choose_language(
    *, chosen: str | None, accept_language: str, enabled: tuple[str, ...], default: str
) -> str:
    if chosen in enabled:
        return str(chosen)
    return from_accept_language(accept_language, enabled) or (
        default if default in enabled else enabled[0]
    )


def localised(text: object, language: str, fallback: str) -> str:
    """One language of a `{"nl": …, "fr": …}` map from a service, else another that exists."""
    return localised_in(text, language, fallback)[0]


def localised_in(text: object, language: str, fallback: str) -> tuple[str, str | None]:
    """The text as `localised` picks it, and the language it is in (None when unknown: a
    plain string, or nothing to show)."""
    if isinstance(text, str):
        return text, None
    if not isinstance(text, dict):
        return "", None
    for candidate in (language, fallback, *LANGUAGES):
        value = text.get(candidate)
        if isinstance(value, str) and value.strip():
            return value, candidate
    return "", None
