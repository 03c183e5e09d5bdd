"""Path redirects on the tenant's domains (/omgevingsvisie → a project page)."""

import uuid

from fastapi import APIRouter, Response, status

from inspraak_shared.db import DbSession
from inspraak_shared.tenancy import RequestTenant
from inspraak_widget.redirects import service
from inspraak_widget.redirects.auth import RedirectManager
from inspraak_widget.redirects.schemas import RedirectCreate, RedirectRead, RedirectUpdate

router = APIRouter(prefix="/v1/redirects", tags=["redirects"])

_CONFLICTS = {409: {"description": "The source exists already, or the change makes a loop"}}


@router.get("", summary="The tenant's path redirects", response_model=list[RedirectRead])
async def list_redirects(
    session: DbSession, tenant: RequestTenant, _: RedirectManager
) -> list[RedirectRead]:
    return await service.list_redirects(session, tenant)


@router.post(
    "",
    summary="Add a path redirect",
    status_code=status.HTTP_201_CREATED,
    response_model=RedirectRead,
    responses=_CONFLICTS,
)
async def create_redirect(
    body: RedirectCreate, session: DbSession, tenant: RequestTenant, _: RedirectManager
) -> RedirectRead:
    return await service.create(session, tenant, body)


@router.put(
    "/{redirect_id}",
    summary="Change where a path redirect leads",
    response_model=RedirectRead,
    responses=_CONFLICTS,
)
async def update_redirect(
    redirect_id: uuid.UUID,
    body: RedirectUpdate,
    session: DbSession,
    tenant: RequestTenant,
    _: RedirectManager,
) -> RedirectRead:
    return await service.update(session, tenant, redirect_id, body)


@router.delete(
    "/{redirect_id}", summary="Remove a path redirect", status_code=status.HTTP_204_NO_CONTENT
)
async def delete_redirect(
    redirect_id: uuid.UUID, session: DbSession, tenant: RequestTenant, _: RedirectManager
) -> Response:
    await service.delete(session, tenant, redirect_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
