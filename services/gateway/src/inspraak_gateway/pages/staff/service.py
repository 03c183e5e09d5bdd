"""What the staff screens read: who the person is (roles and scoped grants from identity)
and the data of each screen."""

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from inspraak_gateway.pages.staff.calendar import phase_moments
from inspraak_gateway.web.api import ServiceApi, check
from inspraak_shared.problems import NotFound

STAFF_ROLES = frozenset({"superadmin", "policy_maker", "communications", "it_admin"})


@dataclass(frozen=True)
class StaffMember:
    username: str
    roles: frozenset[str]
    grants: tuple[dict[str, Any], ...]

    def scoped(self, role: str) -> list[str]:
        return [
            str(g.get("scopeId") or g.get("scope_id"))
            for g in self.grants
            if g.get("role") == role and g.get("status", "active") == "active"
        ]

    @property
    def is_superadmin(self) -> bool:
        return "superadmin" in self.roles

    @property
    def heads(self) -> list[str]:
        return self.scoped("department_head")

    @property
    def moderates(self) -> list[str]:
        return self.scoped("project_moderator")

    @property
    def manages_domains(self) -> bool:
        """The widget service lets the IT officer and the superadmin manage web addresses."""
        return bool(self.roles & {"it_admin", "superadmin"})

    @property
    def reads_dashboard(self) -> bool:
        return bool(self.roles & {"policy_maker", "superadmin"})

    @property
    def plans_content(self) -> bool:
        return bool(self.roles & {"communications", "superadmin"})

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & STAFF_ROLES) or bool(self.heads) or bool(self.moderates)


async def member(api: ServiceApi) -> StaffMember:
    me = await api.get("identity", "/me")
    return StaffMember(me["username"], frozenset(me.get("roles", [])), tuple(me.get("grants", [])))


async def overview(api: ServiceApi, staff: StaffMember) -> dict[str, Any]:
    """The superadmin's figures and the projects a staff member works on."""
    projects_page, team = await asyncio.gather(
        api.get("projects", "/projects", limit=100),
        api.get("identity", "/team") if staff.is_superadmin else _none(),
    )
    projects = list(projects_page.get("items", []))
    counts: dict[str, int] = {}
    for project in projects:
        counts[project["status"]] = counts.get(project["status"], 0) + 1
    return {"projects": projects, "counts": counts, "team": team}


async def _none() -> None:
    return None


async def team(api: ServiceApi) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    overview, departments = await asyncio.gather(
        api.get("identity", "/team"), api.get("projects", "/departments")
    )
    return dict(overview), list(departments or [])


async def awaiting_approval(api: ServiceApi) -> list[dict[str, Any]]:
    """The drafts waiting for a decision, each in full (goal, use of the input, phases): the
    list only has title and summary, and nobody should approve what they cannot read."""
    page = await api.get("projects", "/projects", status="awaiting_approval", limit=100)
    items = list(page.get("items", []))
    return list(await asyncio.gather(*(api.get("projects", f"/projects/{p['id']}") for p in items)))


async def moderation(
    api: ServiceApi, project_id: str, state: str
) -> tuple[dict[str, Any], list[Any]]:
    """One of the queue's views: new items, reported items, or hidden ones (to show again)."""
    project, queue = await asyncio.gather(
        api.get("projects", f"/projects/{project_id}"),
        api.get("contributions", f"/projects/{project_id}/moderation/queue", state=state),
    )
    return dict(project), list(queue or [])


async def domains(api: ServiceApi, language: str) -> dict[str, Any]:
    """The widget service's domains, its DNS and routing check and the path redirects."""
    current, check, redirects = await asyncio.gather(
        api.get("widget", "/domains"),
        api.get("widget", "/domains/check", lang=language),
        api.get("widget", "/redirects"),
    )
    return {"domains": dict(current), "check": dict(check), "redirects": list(redirects or [])}


async def dashboard(api: ServiceApi) -> dict[str, Any]:
    """Projects with their status, phase and results, and the policy updates sent."""
    projects_page, updates = await asyncio.gather(
        api.get("projects", "/projects", limit=100),
        api.get("notifications", "/policy-updates"),
    )
    projects = list(projects_page.get("items", []))
    results = await asyncio.gather(*(_results(api, p["id"]) for p in projects))
    for project, result in zip(projects, results, strict=True):
        project["results"] = result
    # The superadmin also sees drafts: the dashboard shows what policy makers received.
    sent = [u for u in updates or [] if u.get("status") == "sent"]
    return {"projects": projects, "updates": sent}


async def _results(api: ServiceApi, project_id: str) -> dict[str, Any] | None:
    try:
        result = await api.get("contributions", f"/projects/{project_id}/results")
    except NotFound:
        return None  # a draft contributions does not know yet: no results to show
    days = result.get("participants_over_time") or []
    result["participants"] = days[-1]["cumulative"] if days else 0
    return dict(result)


async def content_calendar(api: ServiceApi, language: str) -> dict[str, Any]:
    """Upcoming phase moments from the staff calendar feed, the person's subscription
    links and the recent project updates to reuse in the municipality's own channels."""
    feed, feeds, projects_page = await asyncio.gather(
        api.call("GET", "projects", "/calendar.ics", params={"lang": language}),
        api.get("projects", "/calendar/feeds"),
        api.get("projects", "/projects", status="published", limit=20),
    )
    check(feed)
    projects = list(projects_page.get("items", []))
    updates = await asyncio.gather(
        *(api.get("projects", f"/projects/{p['id']}/updates", limit=5) for p in projects)
    )
    posts = [
        {**post, "project": project}
        for project, page in zip(projects, updates, strict=True)
        for post in page or []
    ]
    posts.sort(key=lambda post: str(post.get("posted_at")), reverse=True)
    return {
        "moments": phase_moments(feed.text, datetime.now(UTC))[:50],
        "feeds": list(feeds or []),
        "posts": posts[:20],
    }
