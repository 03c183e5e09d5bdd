"""Turning a notification (kind, parameters, recipient, tenant) into subject, text and HTML."""

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from inspraak_notifications.directory.service import TenantLook
from inspraak_notifications.i18n import (
    Language,
    format_date,
    format_datetime,
    localized,
    parse_time,
)
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.report_texts import DIGEST, POLICY
from inspraak_notifications.mail.texts import COLON, COMMON, QUOTE, TEXTS, TYPE_NAMES, label

CHART_CID = "participation-chart"
_TEMPLATES = {
    T.MODERATOR_DIGEST: "moderator_digest",
    T.DEPARTMENT_DIGEST: "department_digest",
    T.POLICY_UPDATE: "policy_update",
}
METRICS = (
    "participants",
    "registrations",
    "inputs",
    "comments",
    "reactions",
    "votes",
    "survey_answers",
    "scenario_rankings",
)
PROJECT_METRICS = tuple(m for m in METRICS if m != "registrations")


@dataclass(frozen=True)
class PolicyCopy:
    """What a policy-maker update mail shows beyond its parameters."""

    index: int
    figures: dict[str, Any]
    introduction: str | None
    sender_name: str
    chart_png: bytes
    path: str


@dataclass(frozen=True)
class RenderContext:
    look: TenantLook
    language: Language
    web_base: str
    preferences_url: str
    unsubscribe_url: str | None = None
    recipient_name: str | None = None
    policy: PolicyCopy | None = None
    # For a preview in the browser the chart is a URL, in a mail an inline part.
    chart_src: str = f"cid:{CHART_CID}"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    images: dict[str, bytes] = field(default_factory=dict)


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def render(kind: T, params: dict[str, Any], context: RenderContext) -> Rendered:
    language = context.language
    texts = TEXTS[kind][language]
    fields = _Blank(_fields(kind, params, context))
    subject = texts["subject"].format_map(fields)
    variables = _page(kind, params, context, fields, subject)
    template = _TEMPLATES.get(kind, "notice")
    # The catalogue's texts are ours (trusted); only the parameters are escaped.
    html_lines = [_trusted(line).format_map(fields) for line in texts.get("lines", [])]
    text_lines = [line.format_map(fields) for line in texts.get("lines", [])]
    html = (
        _environment()
        .get_template(f"{template}.html")
        .render(
            **variables, heading=_trusted(texts["heading"]).format_map(fields), lines=html_lines
        )
    )
    text = (
        _environment()
        .get_template(f"{template}.txt")
        .render(**variables, heading=texts["heading"].format_map(fields), lines=text_lines)
    )
    images = {CHART_CID: context.policy.chart_png} if context.policy is not None else {}
    return Rendered(subject=_one_line(subject), text=text, html=html, images=images)


# Whitespace except the no-break spaces French typography needs (U+00A0, U+202F).
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def _one_line(subject: str) -> str:
    """A header value on one line: runs of breaking whitespace become one space."""
    return _BREAKING_SPACE.sub(" ", subject).strip(" ")


def _trusted(template: str) -> Markup:
    """A text from our own catalogue as markup; `format_map` then escapes the values."""
    return Markup(template)  # noqa: S704 - catalogue texts, never user input


def subject_of(kind: T, params: dict[str, Any], context: RenderContext) -> str:
    """The subject alone: the title of the in-app notification."""
    return TEXTS[kind][context.language]["subject"].format_map(
        _Blank(_fields(kind, params, context))
    )


def _page(
    kind: T, params: dict[str, Any], context: RenderContext, fields: _Blank, subject: str
) -> dict[str, Any]:
    language, look = context.language, context.look
    common = COMMON[language]
    kind_name = TYPE_NAMES[kind][language]
    quote_key = QUOTE.get(kind)
    greeting = (
        common["greeting"].format(name=context.recipient_name)
        if context.recipient_name
        else common["greeting_anonymous"]
    )
    variables: dict[str, Any] = {
        "language": language,
        "colon": COLON[language],
        "look": look,
        "subject": subject,
        "greeting": greeting,
        "quote": localized(params.get(quote_key), language) if quote_key else "",
        "action": TEXTS[kind][language].get("action", ""),
        "action_url": _action_url(params, context),
        "preview_link": common["preview_link"],
        "unsubscribe_url": context.unsubscribe_url,
        "preferences_url": context.preferences_url,
        "why": common["why"].format(tenant=look.display_name, kind=kind_name),
        "unsubscribe_label": common["unsubscribe"].format(kind=kind_name),
        "preferences_label": common["preferences"],
        "mandatory": common["mandatory"].format(tenant=look.display_name),
        "chart_src": context.chart_src,
    }
    if kind is T.MODERATOR_DIGEST:
        variables |= _moderator_digest(params, context)
    elif kind is T.DEPARTMENT_DIGEST:
        variables |= _department_digest(params, context)
    elif kind is T.POLICY_UPDATE and context.policy is not None:
        variables["report"] = policy_report(context.policy, context)
    return variables


def _action_url(params: dict[str, Any], context: RenderContext) -> str:
    if params.get("url"):
        return str(params["url"])
    if params.get("path"):
        return f"{context.web_base}{params['path']}"
    return ""


def _fields(kind: T, params: dict[str, Any], context: RenderContext) -> dict[str, Any]:
    language, look = context.language, context.look
    someone = COMMON[language]["someone"]
    fields: dict[str, Any] = {
        "tenant": look.display_name,
        "project": localized(params.get("project_title"), language),
        "title": localized(params.get("title"), language),
        "author": params.get("author") or someone,
        "username": params.get("username") or someone,
        "inviter": params.get("inviter") or look.display_name,
        "role": label("role", params.get("role"), language),
        "item": label("item", params.get("item_type"), language),
        "reason": params.get("reason") or "",
        "reports": params.get("open_reports") or 1,
        "status": label("status", params.get("status"), language),
        "phase": localized(params.get("phase_title"), language),
        "department": localized(params.get("department_name"), language),
        "decision": label("decision", params.get("decision"), language),
        "count": params.get("count") or len(params.get("items") or []),
        "address": params.get("address") or "",
        "error": params.get("error") or "",
    }
    expires = parse_time(params.get("expires_at"))
    if expires is not None:
        fields["expires"] = format_datetime(expires, language, look.country)
    if params.get("failed_kind") in T.__members__.values():
        fields["kind"] = TYPE_NAMES[T(params["failed_kind"])][language]
    fields["period"] = _period(params, language, look.country, DIGEST)
    if kind is T.POLICY_UPDATE and context.policy is not None:
        period = context.policy.figures.get("period", {})
        fields["period"] = _period(period, language, look.country, POLICY)
        fields["title"] = _policy_title(context.policy.index, language)
    return fields


def _period(
    params: dict[str, Any],
    language: Language,
    country: str,
    catalogue: dict[Language, dict[str, str]],
) -> str:
    start, end = parse_time(params.get("start")), parse_time(params.get("end"))
    if start is None or end is None:
        return ""
    return catalogue[language]["period"].format(
        start=format_date(start, language, country), end=format_date(end, language, country)
    )


def _moderator_digest(params: dict[str, Any], context: RenderContext) -> dict[str, Any]:
    language = context.language
    shown = 25  # a digest is a summary: the rest is one click away
    items = params.get("items") or []
    rows = [
        {
            "project": localized(item.get("project_title"), language),
            "title": item.get("title") or "",
            "by": DIGEST[language]["by"].format(
                author=item.get("author") or COMMON[language]["someone"]
            ),
            "url": f"{context.web_base}{item.get('path') or ''}",
        }
        for item in items[:shown]
    ]
    more = COMMON[language]["more"].format(count=len(items) - shown) if len(items) > shown else ""
    return {"items": rows, "more": more}


def _department_digest(params: dict[str, Any], context: RenderContext) -> dict[str, Any]:
    texts = DIGEST[context.language]
    rows = [
        {
            "project": localized(row.get("project_title"), context.language),
            "url": f"{context.web_base}{row.get('path') or ''}",
            "cells": [row.get(k, 0) for k in ("inputs", "comments", "reports", "participants")],
        }
        for row in params.get("projects") or []
    ]
    columns = [texts[k] for k in ("project", "inputs", "comments", "reports", "participants")]
    return {"rows": rows, "columns": columns, "nothing": texts["nothing"]}


def _policy_title(index: int, language: Language) -> str:
    texts = POLICY[language]
    return texts["title_launch"] if index == 0 else texts["title_quarter"].format(index=index)


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def policy_report(copy: PolicyCopy, context: RenderContext) -> dict[str, Any]:
    """The figures of a policy-maker update, as the template shows them."""
    language, figures = context.language, copy.figures
    texts = POLICY[language]
    totals, previous = figures.get("totals", {}), figures.get("previous_totals", {})
    figure_rows = [
        {
            "name": texts[m],
            "cells": [
                totals.get(m, 0),
                previous.get(m, 0),
                _signed(totals.get(m, 0) - previous.get(m, 0)),
            ],
        }
        for m in METRICS
    ]
    project_metrics = PROJECT_METRICS
    project_rows = [
        {
            "name": localized(p.get("title"), language),
            "cells": [p.get(m, 0) for m in project_metrics],
        }
        for p in figures.get("projects", [])
    ]
    changes = [
        f"{texts[c['metric']]}: {c['previous']} → {c['current']} "
        f"({_signed(c['current'] - c['previous'])})"
        for c in figures.get("changes", [])
    ]
    outcomes = [
        {
            "project": localized(o.get("title"), language),
            "line": texts["outcome_line"].format_map(_Blank(o)),
            "input_use": texts["input_use"].format(text=localized(o.get("input_use"), language))
            if localized(o.get("input_use"), language)
            else "",
        }
        for o in figures.get("outcomes", [])
    ]
    weeks = [
        f"{POLICY[language]['week']} {format_date(start, language, context.look.country)}: "
        f"{week.get('participants', 0)}"
        for week in figures.get("weeks", [])
        if week.get("current") and (start := parse_time(week.get("start"))) is not None
    ]
    return {
        "introduction": copy.introduction,
        "introduction_heading": texts["introduction"].format(sender=copy.sender_name),
        "figures_heading": texts["figures"],
        "figure_columns": [
            texts["metric"],
            texts["current"],
            texts["previous"],
            texts["difference"],
        ],
        "figure_rows": figure_rows,
        "changes_heading": texts["changes"],
        "changes": changes,
        "no_changes": texts["no_changes"],
        "chart_heading": texts["chart"],
        "chart_alt": COMMON[language]["chart_alt"],
        "weeks": weeks,
        "per_project_heading": texts["per_project"],
        "project_columns": [texts["project"], *(texts[m] for m in project_metrics)],
        "project_rows": project_rows,
        "started_heading": texts["started"],
        "started": ", ".join(
            localized(p.get("title"), language) for p in figures.get("started", [])
        ),
        "ended_heading": texts["ended"],
        "ended": ", ".join(localized(p.get("title"), language) for p in figures.get("ended", [])),
        "outcomes_heading": texts["outcomes"],
        "outcomes": outcomes,
        "none": texts["none"],
        "closing": texts["closing"],
        "sender": copy.sender_name,
    }


def unsubscribe_page(
    look: TenantLook,
    language: Language,
    kind: T,
    *,
    action: str,
    preferences_url: str,
    done: bool,
) -> str:
    common, name = COMMON[language], TYPE_NAMES[kind][language]
    return (
        _environment()
        .get_template("unsubscribe.html")
        .render(
            language=language,
            look=look,
            done=common["done"].format(kind=name) if done else "",
            question=common["confirm"].format(kind=name),
            button=common["confirm_button"],
            action=action,
            preferences_url=preferences_url,
            preferences_label=common["preferences"],
        )
    )
