"""HTTP routes of departments."""

import uuid

from fastapi import APIRouter, Response, status

from inspraak_projects.common.schemas import PersonRef
from inspraak_projects.departments import service
from inspraak_projects.departments.auth import Superadmin
from inspraak_projects.departments.models import Department
from inspraak_projects.departments.schemas import (
    DepartmentCreate,
    DepartmentHeads,
    DepartmentRead,
    DepartmentUpdate,
)
from inspraak_projects.tenants.auth import KnownTenant
from inspraak_shared.auth import CurrentPrincipal
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/departments", tags=["departments"])


def _read(department: Department) -> DepartmentRead:
    return DepartmentRead.model_validate(department, from_attributes=True)


@router.get("", summary="The municipality's departments")
async def list_departments(session: DbSession, tenant: KnownTenant) -> list[DepartmentRead]:
    return [_read(d) for d in await service.list_all(session, tenant.slug)]


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create a department")
async def create_department(
    session: DbSession, tenant: KnownTenant, _: Superadmin, body: DepartmentCreate
) -> DepartmentRead:
    return _read(await service.create(session, tenant, body))


@router.get("/{department_id}", summary="One department")
async def get_department(
    session: DbSession, tenant: KnownTenant, department_id: uuid.UUID
) -> DepartmentRead:
    return _read(await service.get(session, tenant.slug, department_id))


@router.patch("/{department_id}", summary="Rename a department")
async def update_department(
    session: DbSession,
    tenant: KnownTenant,
    _: Superadmin,
    department_id: uuid.UUID,
    body: DepartmentUpdate,
) -> DepartmentRead:
    return _read(await service.update(session, tenant, department_id, body))


@router.delete(
    "/{department_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a department without projects",
)
async def delete_department(
    session: DbSession, tenant: KnownTenant, _: Superadmin, department_id: uuid.UUID
) -> Response:
    await service.delete(session, tenant.slug, department_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/{department_id}/heads", summary="Who heads the department (staff only)")
async def department_heads(
    session: DbSession, tenant: KnownTenant, principal: CurrentPrincipal, department_id: uuid.UUID
) -> DepartmentHeads:
    heads = await service.heads(session, principal, tenant.slug, department_id)
    return DepartmentHeads(
        department_id=department_id,
        heads=[PersonRef(user_id=user_id, username=username) for user_id, username in heads],
    )
