"""The project snapshot and the events that carry it (docs/events.md: `project.*`)."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.events import emit
from inspraak_projects.phases import repository as phases
from inspraak_projects.phases.events import phase_snapshot
from inspraak_projects.projects import repository
from inspraak_projects.projects.models import Project
from inspraak_projects.roles import service as roles
from inspraak_shared.auth import ScopedRoleName


async def snapshot(session: AsyncSession, project: Project) -> dict[str, Any]:
    tags = (await repository.term_ids(session, [project.id]))[project.id]
    moderators = await roles.holders(
        session, project.tenant, ScopedRoleName.PROJECT_MODERATOR, str(project.id)
    )
    return {
        "project_id": str(project.id),
        "version": project.version,
        "slug": project.slug,
        "department_id": str(project.department_id),
        "status": project.status,
        "visibility": project.visibility,
        # Restricted projects admit invited people; groups are not modelled (yet).
        "allowed_group_ids": [],
        "allowed_user_ids": await repository.access_user_ids(session, project.id),
        "title": project.title,
        "summary": project.summary,
        "goal": project.goal,
        "input_use": project.input_use,
        "areas": [str(i) for i in tags["area"]],
        "topics": [str(i) for i in tags["topic"]],
        "area_geometry": project.area_geometry,
        "header_image_url": project.header_image_url,
        "moderator_user_ids": [m.user_id for m in moderators],
        "published_at": project.published_at.isoformat() if project.published_at else None,
        "phases": [phase_snapshot(p) for p in await phases.for_project(session, project.id)],
    }


async def emit_project(
    session: AsyncSession,
    project: Project,
    verb: str,
    *,
    entity: str = "project",
    **extra: Any,
) -> None:
    data = await snapshot(session, project) | extra
    emit(
        session,
        tenant=project.tenant,
        entity=entity,
        verb=verb,
        subject=str(project.id),
        data=data,
    )


def emit_simple(
    session: AsyncSession, project: Project, entity: str, verb: str, data: dict[str, Any]
) -> None:
    """Small events about a project that carry no snapshot (moderators, followers)."""
    emit(
        session,
        tenant=project.tenant,
        entity=entity,
        verb=verb,
        subject=str(project.id),
        data={"project_id": str(project.id), **data},
    )
