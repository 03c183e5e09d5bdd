"""Jinja2 page templates, one environment per language with its gettext catalogue."""

import functools
import html
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from inspraak_gateway.web.i18n import LANGUAGE_NAMES, catalogues, localised, localised_in
from inspraak_gateway.web.labels import (
    GUIDE_ROLES,
    INPUT_STATUSES,
    PHASE_KINDS,
    PHASE_STATES,
    PROJECT_STATUSES,
    ROLES,
)

_BLOCK_END = re.compile(r"</(?:p|li|h[2-4]|blockquote|pre|tr)>|<br\s*/?>|<hr\s*/?>", re.I)
_TAG = re.compile(r"<[^>]*>")
TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
_LOCALES = {"nl": "nl_BE", "fr": "fr_BE", "en": "en_GB"}


def _parse(value: object) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def paragraphs(rich_text: str) -> list[str]:
    """A service's sanitised rich text as plain paragraphs: the page escapes every one, so
    no markup from a service reaches the browser, and line breaks stay readable."""
    blocks = _BLOCK_END.split(rich_text or "")
    plain = (" ".join(html.unescape(_TAG.sub(" ", block)).split()) for block in blocks)
    return [text for text in plain if text]


@functools.cache
def environment(language: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    catalogue = catalogues()[language]
    env.install_gettext_callables(  # type: ignore[attr-defined]
        catalogue.gettext, catalogue.ngettext, newstyle=True
    )
    locale = _LOCALES[language]

    def date(value: object) -> str:
        parsed = _parse(value)
        return format_date(parsed, format="long", locale=locale) if parsed else ""

    def datetime_(value: object) -> str:
        parsed = _parse(value)
        return format_datetime(parsed, format="medium", locale=locale) if parsed else ""

    def money(value: object, currency: str | None = "EUR") -> str:
        try:
            return format_currency(float(str(value)), currency or "EUR", locale=locale)
        except ValueError:
            return str(value)

    def text(value: object) -> str:
        return localised(value, language, "nl")

    # A text that is not in the page's language says which it is in (WCAG 3.1.2), so a
    # screen reader speaks a French fallback on a Dutch page as French.
    def lang_attr(value: object) -> Markup:
        _, used = localised_in(value, language, "nl")
        return Markup(' lang="{}"').format(used) if used and used != language else Markup("")

    def text_lang(value: object) -> Markup:
        shown, used = localised_in(value, language, "nl")
        if used and used != language and shown:
            return Markup('<span lang="{}">{}</span>').format(used, shown)
        return Markup.escape(shown)

    env.filters.update(
        date=date,
        datetime=datetime_,
        money=money,
        text=text,
        text_lang=text_lang,
        lang_attr=lang_attr,
        paragraphs=paragraphs,
    )
    env.globals.update(
        language_names=LANGUAGE_NAMES,
        phase_kinds=PHASE_KINDS,
        phase_states=PHASE_STATES,
        input_statuses=INPUT_STATUSES,
        roles_named=ROLES,
        project_statuses=PROJECT_STATUSES,
        guide_roles=GUIDE_ROLES,
    )
    return env


def render_to_string(language: str, name: str, context: dict[str, Any]) -> str:
    return environment(language).get_template(name).render(context)
