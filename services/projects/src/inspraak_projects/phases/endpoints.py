"""HTTP routes of a project's timeline."""

import uuid

from fastapi import APIRouter, Response, status

from inspraak_projects.common.clock import utcnow
from inspraak_projects.phases import service
from inspraak_projects.phases.auth import SignedIn, Viewer
from inspraak_projects.phases.schemas import PhaseCreate, PhaseRead, PhaseUpdate
from inspraak_projects.tenants.auth import KnownTenant
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}/phases", tags=["phases"])


@router.get("", summary="The project's timeline, in order")
async def list_phases(
    session: DbSession, tenant: KnownTenant, principal: Viewer, project_id: uuid.UUID
) -> list[PhaseRead]:
    _, phases = await service.timeline(session, principal, tenant.slug, project_id)
    now = utcnow()
    return [PhaseRead.of(p, now) for p in phases]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Add a phase")
async def add_phase(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: PhaseCreate,
) -> PhaseRead:
    phase = await service.add(session, tenant, principal, project_id, body)
    return PhaseRead.of(phase, utcnow())


@router.patch("/{phase_id}", summary="Change a phase")
async def update_phase(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    phase_id: uuid.UUID,
    body: PhaseUpdate,
) -> PhaseRead:
    phase = await service.update(session, tenant, principal, project_id, phase_id, body)
    return PhaseRead.of(phase, utcnow())


@router.delete(
    "/{phase_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Remove a phase without input"
)
async def delete_phase(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    phase_id: uuid.UUID,
) -> Response:
    await service.delete(session, tenant, principal, project_id, phase_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
