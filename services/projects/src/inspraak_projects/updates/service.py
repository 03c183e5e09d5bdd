"""Project updates: posted on published projects, read wherever the project may be read."""

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.text import check_languages
from inspraak_projects.projects import repository as projects_repository
from inspraak_projects.projects import service as projects
from inspraak_projects.projects.models import ProjectStatus
from inspraak_projects.tenants.models import TenantConfig
from inspraak_projects.updates import repository
from inspraak_projects.updates.auth import can_edit
from inspraak_projects.updates.events import emit_posted
from inspraak_projects.updates.models import ProjectUpdate
from inspraak_projects.updates.schemas import UpdateCreate
from inspraak_shared.auth import Principal
from inspraak_shared.problems import Conflict


async def post(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    data: UpdateCreate,
) -> ProjectUpdate:
    project = await projects.changeable(session, principal, tenant.slug, project_id, can_edit)
    if project.status != ProjectStatus.PUBLISHED:
        raise Conflict("Updates are posted on published projects.", slug="wrong-status")
    check_languages("title", data.title, tenant.languages)
    check_languages("body", data.body, tenant.languages)
    update = ProjectUpdate(
        tenant=tenant.slug,
        project_id=project.id,
        title=data.title,
        body=data.body,
        posted_by_user_id=principal.user_id,
        posted_by_username=principal.username,
    )
    repository.add(session, update)
    await session.flush()
    emit_posted(session, update, await projects_repository.follower_ids(session, project.id))
    return update


async def list_for(
    session: AsyncSession,
    principal: Principal | None,
    tenant: str,
    project_id: uuid.UUID,
    limit: int,
) -> list[ProjectUpdate]:
    project = await projects.readable(session, principal, tenant, project_id)
    return list(await repository.for_project(session, project.id, limit))


async def forget_author(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.anonymise_author(session, tenant, user_id)
