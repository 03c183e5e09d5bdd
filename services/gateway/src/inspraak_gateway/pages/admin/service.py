"""What the superadmin's screens read and send."""

import asyncio
import html
import re
from typing import Any
from urllib.parse import urlencode

from inspraak_gateway.pages.onboarding.service import current_terms
from inspraak_gateway.web.api import ServiceApi

WIDGET_VIEWS = ("projects", "project", "inputs", "button")
WIDGET_SORTS = {"projects": ("newest", "closing", "title"), "inputs": ("newest", "popular")}
_HEX = re.compile(r"^#?[0-9a-fA-F]{6}$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$")
MAIL_STATUSES = (
    *("queued", "sending", "retry", "sent"),
    *("failed", "bounced", "suppressed", "cancelled"),
)


async def departments(api: ServiceApi) -> list[dict[str, Any]]:
    return list(await api.get("projects", "/departments") or [])


async def tenant_settings(api: ServiceApi) -> dict[str, Any]:
    tenant, terms = await asyncio.gather(api.get("identity", "/tenant"), current_terms(api))
    return {"tenant": dict(tenant), "terms": terms}


async def support(api: ServiceApi) -> dict[str, Any]:
    grants, audit = await asyncio.gather(
        api.get("identity", "/support-access"), api.get("identity", "/audit", actorRole="support")
    )
    return {"grants": list(grants or []), "audit": list(audit or [])[:100]}


def masked(address: str | None) -> str:
    """Enough to recognise a mail, not to harvest addresses: `j…@example.org`."""
    if not address or "@" not in address:
        return "—"
    local, domain = address.rsplit("@", 1)
    return f"{local[:1]}…@{domain}"


async def outbox(api: ServiceApi, status: str | None) -> dict[str, Any]:
    page = await api.get("notifications", "/mail-outbox", status=status, limit=100)
    items = [
        {**item, "recipient": masked(item.get("recipient_address"))}
        for item in page.get("items", [])
    ]
    return {"items": items, "total": page.get("total", len(items))}


def widget_options(query: dict[str, str], languages: tuple[str, ...]) -> dict[str, str]:
    """The configurator's choices that the widget accepts; anything else is left out."""
    view = query.get("view", "projects")
    view = view if view in WIDGET_VIEWS else "projects"
    chosen: dict[str, str] = {"view": view}
    lang = query.get("lang", "")
    if lang in languages:
        chosen["lang"] = lang
    color = query.get("color", "").strip()
    if _HEX.match(color):
        chosen["color"] = color.lstrip("#")
    limit = query.get("limit", "")
    if limit.isdigit() and 1 <= int(limit) <= 20 and view in ("projects", "inputs"):
        chosen["limit"] = limit
    sort = query.get("sort", "")
    if sort in WIDGET_SORTS.get(view, ()):
        chosen["sort"] = sort
    project = query.get("project", "")
    if view in ("project", "inputs", "button") and _ID.match(project):
        chosen["project"] = project
    department = query.get("department", "")
    if view == "projects" and _ID.match(department):
        chosen["department"] = department
    return chosen


def widget_snippets(host: str, chosen: dict[str, str], title: str) -> dict[str, str]:
    """The one-line script and the iframe fallback for the chosen view and options."""
    base = f"https://{host}/v1/widget/"
    view = chosen["view"]
    options = {k: v for k, v in chosen.items() if k != "view"}
    attributes = "".join(f' data-inspraak-{k}="{v}"' for k, v in options.items())
    query = urlencode(options)
    height = 80 if view == "button" else 480
    return {
        "script": f'<script src="{base}embed.js" data-inspraak-view="{view}"{attributes} '
        "async></script>",
        "iframe": f'<iframe src="{base}frame/{view}{"?" + query if query else ""}" '
        f'title="{html.escape(title)}" loading="lazy" '
        f'style="width:100%;height:{height}px;border:0"></iframe>',
        "preview": f"/v1/widget/frame/{view}{'?' + query if query else ''}",
    }


async def widget_choices(api: ServiceApi) -> dict[str, Any]:
    projects, departments_ = await asyncio.gather(
        api.get("projects", "/projects", status="published", limit=100),
        api.get("projects", "/departments"),
    )
    return {"projects": list(projects.get("items", [])), "departments": list(departments_ or [])}
