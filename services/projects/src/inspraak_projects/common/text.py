"""Texts in the tenant's languages, and rich text made safe to show."""

from typing import Annotated

import nh3
from pydantic import AfterValidator, StringConstraints

from inspraak_shared.problems import UnprocessableContent

SUPPORTED_LANGUAGES = ("nl", "fr", "en")

# Rich text comes from staff editors; residents' browsers render it, so only plain
# formatting survives: no scripts, styles, iframes, forms or event handlers.
RICH_TEXT_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "figure",
    "figcaption", "img", "span",
}  # fmt: skip
RICH_TEXT_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"scope"}}
URL_SCHEMES = {"https", "http", "mailto"}


def sanitize_html(value: str) -> str:
    return nh3.clean(
        value,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def _clean_map(value: dict[str, str]) -> dict[str, str]:
    unknown = sorted(set(value) - set(SUPPORTED_LANGUAGES))
    if unknown:
        raise ValueError(f"unsupported language(s) {', '.join(unknown)}: use nl, fr or en")
    # An empty string is no translation: drop it so "missing" checks see it as missing.
    return {lang: text.strip() for lang, text in value.items() if text.strip()}


def _clean_rich_map(value: dict[str, str]) -> dict[str, str]:
    cleaned = {lang: sanitize_html(html) for lang, html in _clean_map(value).items()}
    return {lang: html for lang, html in cleaned.items() if html}


ShortText = Annotated[str, StringConstraints(max_length=300)]
LongText = Annotated[str, StringConstraints(max_length=100_000)]
# {"nl": "...", "fr": "..."}: plain text per language.
LangText = Annotated[dict[str, ShortText], AfterValidator(_clean_map)]
LangLongText = Annotated[dict[str, LongText], AfterValidator(_clean_map)]
# The same, as sanitised HTML.
LangRichText = Annotated[dict[str, LongText], AfterValidator(_clean_rich_map)]


def check_languages(field: str, value: dict[str, str] | None, languages: list[str]) -> None:
    """A text may only use the tenant's languages (422: the payload does not fit the tenant)."""
    if not value:
        return
    extra = sorted(set(value) - set(languages))
    if extra:
        raise UnprocessableContent(
            f"{field} has text in {', '.join(extra)}, which this municipality does not use "
            f"(its languages: {', '.join(languages)}).",
            slug="language-not-enabled",
            extensions={"field": field, "languages": languages},
        )


def missing_languages(field: str, value: dict[str, str] | None, languages: list[str]) -> list[str]:
    """`title.fr`-style names of the translations still missing."""
    return [f"{field}.{lang}" for lang in languages if not (value or {}).get(lang)]


def pick(value: dict[str, str] | None, language: str, fallback: str) -> str:
    """The text in `language`, else in the fallback language, else any."""
    value = value or {}
    return value.get(language) or value.get(fallback) or next(iter(value.values()), "")
