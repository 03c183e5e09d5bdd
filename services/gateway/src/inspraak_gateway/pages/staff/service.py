"""What the staff screens read: who the person is (roles and scoped grants from identity)
and the data of each screen."""

import asyncio
from dataclasses import dataclass
from typing import Any

from inspraak_gateway.web.api import ServiceApi

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
    page = await api.get("projects", "/projects", status="awaiting_approval", limit=100)
    return list(page.get("items", []))


async def moderation(api: ServiceApi, project_id: str) -> tuple[dict[str, Any], list[Any]]:
    project, queue = await asyncio.gather(
        api.get("projects", f"/projects/{project_id}"),
        api.get("contributions", f"/projects/{project_id}/moderation/queue"),
    )
    return dict(project), list(queue or [])
