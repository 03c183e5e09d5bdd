"""What the department head's screen reads: departments, projects, moderator grants,
people of the department, open moderator invitations and the weekly digest preference."""

import asyncio
from typing import Any

from inspraak_gateway.pages.staff.service import StaffMember
from inspraak_gateway.web.api import ServiceApi

DIGEST = "department_digest"


async def overview(api: ServiceApi, member: StaffMember) -> dict[str, Any]:
    departments_, grants, team, preferences = await asyncio.gather(
        api.get("projects", "/departments"),
        api.get("identity", "/roles/grants", role="project_moderator"),
        api.get("identity", "/team"),
        api.get("notifications", "/me/notification-preferences"),
    )
    mine = [d for d in departments_ or [] if member.is_superadmin or str(d["id"]) in member.heads]
    pages = await asyncio.gather(
        *(api.get("projects", "/projects", department_id=d["id"], limit=100) for d in mine)
    )
    by_project: dict[str, list[dict[str, Any]]] = {}
    for grant in grants or []:
        by_project.setdefault(str(grant.get("scopeId")), []).append(grant)
    invitations: dict[str, list[dict[str, Any]]] = {}
    for invitation in team.get("pendingInvitations", []):
        if invitation.get("role") == "project_moderator":
            invitations.setdefault(str(invitation.get("scopeId")), []).append(invitation)
    for department, page in zip(mine, pages, strict=True):
        department["projects"] = [
            {
                **project,
                "moderators": by_project.get(str(project["id"]), []),
                "invited": invitations.get(str(project["id"]), []),
            }
            for project in page.get("items", [])
        ]
    people = sorted(
        (
            {"user_id": s["userId"], "username": s["username"]}
            for s in team.get("stakeholders", [])
            if s.get("userId") and s.get("username")
        ),
        key=lambda p: p["username"],
    )
    digest = next((p for p in preferences or [] if p.get("kind") == DIGEST), None)
    return {"departments": mine, "people": people, "digest": digest}
