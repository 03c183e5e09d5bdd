"""HTTP routes of project updates."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from inspraak_projects.tenants.auth import KnownTenant
from inspraak_projects.updates import service
from inspraak_projects.updates.auth import SignedIn, Viewer
from inspraak_projects.updates.models import ProjectUpdate
from inspraak_projects.updates.schemas import UpdateCreate, UpdateRead
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}/updates", tags=["updates"])


def _read(post: ProjectUpdate) -> UpdateRead:
    return UpdateRead.model_validate(post, from_attributes=True)


@router.get("", summary="The project's updates, newest first")
async def list_updates(
    session: DbSession,
    tenant: KnownTenant,
    principal: Viewer,
    project_id: uuid.UUID,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[UpdateRead]:
    return [
        _read(p) for p in await service.list_for(session, principal, tenant.slug, project_id, limit)
    ]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Post an update to followers")
async def post_update(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: UpdateCreate,
) -> UpdateRead:
    return _read(await service.post(session, tenant, principal, project_id, body))
