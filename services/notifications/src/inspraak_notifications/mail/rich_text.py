"""A project update's rich text (HTML from the projects service or any API client) as plain
paragraphs for a mail.

A mail never carries that HTML: the text part shows the words, and the HTML part escapes
them, so a `<script>`, an `onerror=` attribute or a `javascript:` link cannot reach a
follower, and no tag shows up as text either.
"""

from html.parser import HTMLParser
from typing import Any

# Elements that end a paragraph, and those whose content is never text for a reader.
_BLOCKS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "li",
    "table", "thead", "tbody", "tr", "figure", "figcaption", "hr", "section", "article",
})  # fmt: skip
_HIDDEN = frozenset({"script", "style", "template", "iframe", "object", "noscript", "head"})
_LINK_SCHEMES = ("https://", "http://", "mailto:")


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._parts: list[str] = []
        self._hidden = 0
        self._links: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._end_paragraph()
            if tag == "li":
                self._parts.append("- ")
        elif tag == "br":
            self._end_paragraph()
        elif tag == "a":
            href = (dict(attrs).get("href") or "").strip()
            # Only a web or mail address is worth showing; anything else (javascript:) goes.
            self._links.append(href if href.lower().startswith(_LINK_SCHEMES) else None)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self._end_paragraph()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._end_paragraph()
        elif tag == "a" and self._links:
            href = self._links.pop()
            if href and self._parts[-1:] != [href]:
                self._parts.append(f" ({href.removeprefix('mailto:')})")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._end_paragraph()

    def _end_paragraph(self) -> None:
        # Inline tags join their words as written; runs of whitespace become one space.
        text = " ".join("".join(self._parts).split())
        if text and text != "-":
            self.paragraphs.append(text)
        self._parts = []


def paragraphs(rich_text: str) -> list[str]:
    """The words of `rich_text`, one string per paragraph, without any markup."""
    parser = _Paragraphs()
    parser.feed(rich_text)
    parser.close()
    return parser.paragraphs


def teaser(rich_text: str, limit: int) -> str:
    """The first `limit` characters of the text, paragraphs apart by a blank line, cut at a
    word with an ellipsis when there is more: the platform shows the rest."""
    text = "\n\n".join(paragraphs(rich_text))
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip() + " …"


def teasers(value: Any, limit: int) -> dict[str, str] | str:
    """`teaser` of each language of a `{lang: html}` map (what projects sends), or of a string."""
    if isinstance(value, dict):
        texts = {lang: teaser(str(html), limit) for lang, html in value.items() if html}
        return {lang: text for lang, text in texts.items() if text}
    return teaser(str(value or ""), limit)
