"""What the editor's screens read from the services, and who may use which screen.

The services decide every change; these checks only keep a person from opening a screen
that could do nothing for them (and give them a 403 page in their language instead)."""

import asyncio
from dataclasses import dataclass
from typing import Any

from inspraak_gateway.pages.staff.service import StaffMember, member
from inspraak_gateway.web.api import ServiceApi
from inspraak_shared.problems import Forbidden, NotFound

EXPORTS = ("inputs", "comments", "votes", "survey_answers", "scenario_rankings")


@dataclass(frozen=True)
class Rights:
    """What one staff member may do with one project (as the services decide it)."""

    edits: bool  # the page, phases, area, submission: superadmin and the moderators
    moderates: bool  # statuses, official responses, results: also the department's heads


def rights(staff: StaffMember, project: dict[str, Any]) -> Rights:
    moderator = str(project["id"]) in staff.moderates
    head = str(project["department_id"]) in staff.heads
    edits = staff.is_superadmin or moderator
    return Rights(edits=edits, moderates=edits or head)


@dataclass(frozen=True)
class ProjectsPage:
    projects: list[dict[str, Any]]
    next_cursor: str | None


async def projects_of(
    api: ServiceApi, staff: StaffMember, *, cursor: str | None, limit: int
) -> ProjectsPage:
    """One page of the projects service's list, kept to the projects the person moderates,
    edits or heads (staff see all statuses)."""
    page = await api.get("projects", "/projects", limit=limit, cursor=cursor)
    return ProjectsPage(
        [p for p in page.get("items", []) if rights(staff, p).moderates], page.get("next_cursor")
    )


async def departments_for_new_projects(api: ServiceApi, staff: StaffMember) -> list[dict[str, Any]]:
    """Superadmins create in any department, heads in their own."""
    if not (staff.is_superadmin or staff.heads):
        return []
    departments = await api.get("projects", "/departments")
    return [d for d in departments or [] if staff.is_superadmin or str(d["id"]) in staff.heads]


async def project_for(
    api: ServiceApi, project_id: str, *, edit: bool = False
) -> tuple[StaffMember, dict[str, Any], Rights]:
    """The project as staff read it; 403 when the person may not use the screen."""
    staff, project = await asyncio.gather(
        member(api), api.get("projects", f"/projects/{project_id}")
    )
    allowed = rights(staff, project)
    if not allowed.moderates or (edit and not allowed.edits):
        raise Forbidden("This screen is for the project's moderators.")
    return staff, dict(project), allowed


def phase_of(project: dict[str, Any], phase_id: str) -> dict[str, Any]:
    phase = next((p for p in project.get("phases", []) if str(p["id"]) == phase_id), None)
    if phase is None:
        raise NotFound("There is no such phase.")
    return dict(phase)


async def inputs(api: ServiceApi, project_id: str, status: str | None) -> list[dict[str, Any]]:
    page = await api.get(
        "contributions", f"/projects/{project_id}/inputs", limit=100, status=status
    )
    return list(page.get("items", []))


async def results(api: ServiceApi, project: dict[str, Any]) -> dict[str, Any]:
    """The project's figures and each phase's results, where contributions has them."""
    base = f"/projects/{project['id']}"
    phases = project.get("phases", [])
    overall, *per_phase = await asyncio.gather(
        _or_none(api.get("contributions", f"{base}/results")),
        *(_or_none(api.get("contributions", f"{base}/phases/{p['id']}/results")) for p in phases),
    )
    return {
        "overall": overall,
        "phases": [
            {"phase": phase, "results": result}
            for phase, result in zip(phases, per_phase, strict=True)
        ],
    }


async def _or_none(call: Any) -> Any:
    try:
        return await call
    except NotFound:
        return None  # a draft contributions does not know yet: no figures to show


async def updates(api: ServiceApi, project_id: str) -> list[dict[str, Any]]:
    """The project's updates, newest first, as the projects service lists them."""
    return list(await api.get("projects", f"/projects/{project_id}/updates", limit=100) or [])
