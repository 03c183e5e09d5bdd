"""Widget HTML: one fragment per view, used as is in the shadow DOM (script snippet) and
wrapped in a small document for the iframe fallback. Everything is escaped by Jinja."""

import base64
import hashlib
import json
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from inspraak_widget.embed.schemas import Mode, View
from inspraak_widget.embed.service import Configurator, Context, Rendered
from inspraak_widget.embed.theme import Theme
from inspraak_widget.texts import text

_ENV = Environment(
    loader=PackageLoader("inspraak_widget.embed", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,  # a misspelt field fails loudly instead of rendering empty
)

# Inherited properties cross into a shadow root, and the page's own rules on the host
# element (`* {letter-spacing: 3px}`) beat `:host`: so the widget's root sets every inherited
# property it relies on itself. The rest only styles the widget's own nodes.
_CSS = (
    ":host{{all:initial;display:block}}"
    ".isw{{display:block;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,"
    "sans-serif;color:#1f2328;background:#fff;border:1px solid #d0d7de;border-radius:8px;"
    "padding:16px;text-align:left;margin:0;letter-spacing:normal;word-spacing:normal;"
    "text-transform:none;text-indent:0;text-shadow:none;white-space:normal;"
    "visibility:visible;direction:ltr}}"
    ".isw *{{box-sizing:border-box}}"
    ".isw h2{{font-size:1.25em;line-height:1.3;margin:0 0 .5em;color:#1f2328}}"
    ".isw ul{{list-style:none;margin:0;padding:0}}"
    ".isw li{{padding:.6em 0;border-top:1px solid #d8dee4}}"
    ".isw p{{margin:.25em 0}}"
    ".isw a{{color:{link}}}"
    ".isw a:focus-visible{{outline:3px solid {link};outline-offset:2px}}"
    ".isw .t{{font-weight:600}}"
    ".isw .m{{color:#57606a;font-size:.875em}}"
    ".isw .b{{display:inline-block;margin-top:.75em;padding:.5em 1em;border-radius:6px;"
    "background:{primary};color:{on_primary};font-weight:600;text-decoration:none}}"
    ".isw .b:hover{{text-decoration:underline}}"
    ".isw.bare{{border:0;padding:0;background:transparent}}"
)
_FRAME_CSS = "html,body{margin:0;background:transparent}"


@dataclass(frozen=True)
class Page:
    body: bytes
    style_hash: str  # CSP source for the one inline <style>


def _trusted(value: str) -> Markup:
    """HTML we made: a fragment Jinja rendered (and escaped), our stylesheet (colours
    validated as hex), or JSON escaped for its script element."""
    return Markup(value)  # noqa: S704 - built here, user input was escaped on the way


def _css(theme: Theme, mode: Mode) -> str:
    css = _CSS.format(link=theme.link, primary=theme.primary, on_primary=theme.on_primary)
    return css + _FRAME_CSS if mode == "frame" else css


def _hash(css: str) -> str:
    digest = hashlib.sha256(css.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _wrap(fragment: str, css: str, lang: str, title: str, mode: Mode) -> Page:
    if mode == "frame":
        fragment = _ENV.get_template("frame.html").render(
            lang=lang,
            title=title,
            fragment=_trusted(fragment),
        )
    return Page(body=fragment.encode(), style_hash=_hash(css))


def render(ctx: Context, rendered: Rendered, mode: Mode) -> Page:
    css = _css(ctx.theme, mode)
    fragment = _ENV.get_template("fragment.html").render(
        r=rendered,
        css=_trusted(css),
        lang=ctx.lang,
        frame=mode == "frame",
    )
    return _wrap(fragment, css, ctx.lang, rendered.label, mode)


def render_unavailable(lang: str, message: str, mode: Mode) -> Page:
    css = _css(Theme.of(None), mode)
    fragment = _ENV.get_template("unavailable.html").render(
        css=_trusted(css),
        lang=lang,
        message=message,
    )
    return _wrap(fragment, css, lang, message, mode)


def render_configurator(page: Configurator, base: str, preview: str) -> bytes:
    ctx = page.ctx
    config = {
        "base": base,
        "preview": preview,
        "title": text("region_label", ctx.lang, site=ctx.site_name),
        "copied": text("cfg_copied", ctx.lang),
        "defaults": {
            "lang": ctx.default_lang,
            "color": ctx.theme.primary,
            "limit": "5",
            "sort": "newest",
        },
    }
    # Inside <script type="application/json"> only "</" could end the element early.
    config_json = json.dumps(config, ensure_ascii=False).replace("</", "<\\/")
    html = _ENV.get_template("configurator.html").render(
        t=lambda key, **values: text(key, ctx.lang, **values),
        lang=ctx.lang,
        site=ctx.site_name,
        origins=", ".join(ctx.allowed_origins) or "-",
        views=[v.value for v in View],
        languages=ctx.languages,
        default_lang=ctx.default_lang,
        color=ctx.theme.primary,
        projects=page.projects,
        departments=page.departments,
        preview=preview,
        config_json=_trusted(config_json),
    )
    return html.encode()
