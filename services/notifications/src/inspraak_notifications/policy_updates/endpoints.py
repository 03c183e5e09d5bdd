"""Policy-maker updates: drafts and sending for the superadmin, sent copies for policy makers."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

from inspraak_notifications.dependencies import CurrentClock, Settings
from inspraak_notifications.directory import service as directory
from inspraak_notifications.i18n import Language
from inspraak_notifications.policy_updates import service
from inspraak_notifications.policy_updates.auth import Reader, Superadmin
from inspraak_notifications.policy_updates.schemas import (
    PolicyUpdateEdit,
    PolicyUpdateRead,
    PolicyUpdateSettingsRead,
    PolicyUpdateSettingsWrite,
    PolicyUpdateSummary,
)
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1", tags=["policy updates"])
_NOT_FOUND = {404: {"description": "No such update (a draft is visible to the superadmin only)"}}
_SENT = {409: {"description": "The update was sent already"}}


@router.get("/policy-update-settings", summary="When the updates go out")
async def read_settings(session: DbSession, principal: Superadmin) -> PolicyUpdateSettingsRead:
    return await service.read_settings(session, principal.tenant)


@router.put(
    "/policy-update-settings",
    summary=(
        "Set the launch date (until an update was sent; unsent drafts are prepared anew)"
        " and after how many days a draft goes out by itself"
    ),
    responses={409: {"description": "The launch cannot move once an update was sent"}},
)
async def write_settings(
    body: PolicyUpdateSettingsWrite, session: DbSession, principal: Superadmin, clock: CurrentClock
) -> PolicyUpdateSettingsRead:
    return await service.write_settings(session, principal.tenant, body, clock.now())


@router.get(
    "/policy-updates", summary="The updates: all for the superadmin, the sent ones for readers"
)
async def list_updates(session: DbSession, principal: Reader) -> list[PolicyUpdateSummary]:
    return await service.listing(session, principal)


@router.get(
    "/policy-updates/{update_id}", summary="One update with its figures", responses=_NOT_FOUND
)
async def read_update(update_id: str, session: DbSession, principal: Reader) -> PolicyUpdateRead:
    return await service.detail(session, principal, update_id)


@router.get(
    "/policy-updates/{update_id}/chart.png",
    summary="The participation chart of an update",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}, **_NOT_FOUND},
)
async def update_chart(update_id: str, session: DbSession, principal: Reader) -> Response:
    return Response(await service.chart(session, principal, update_id), media_type="image/png")


@router.get(
    "/policy-updates/{update_id}/preview",
    summary="The update as the mail shows it",
    response_class=HTMLResponse,
    responses=_NOT_FOUND,
)
async def preview_update(
    update_id: str,
    session: DbSession,
    principal: Reader,
    settings: Settings,
    language: Language | None = None,
) -> HTMLResponse:
    chosen = await directory.language_of(session, principal, language)
    return HTMLResponse(await service.preview(session, principal, update_id, chosen, settings))


@router.patch(
    "/policy-updates/{update_id}",
    summary="Write the personal introduction of a draft",
    responses={**_NOT_FOUND, **_SENT},
)
async def edit_update(
    update_id: str, body: PolicyUpdateEdit, session: DbSession, principal: Superadmin
) -> PolicyUpdateRead:
    return await service.edit(session, principal, update_id, body.introduction)


@router.post(
    "/policy-updates/{update_id}/send",
    summary="Send a draft to every policy maker now, in my name",
    responses={**_NOT_FOUND, **_SENT},
)
async def send_update(
    update_id: str, session: DbSession, principal: Superadmin, clock: CurrentClock
) -> PolicyUpdateRead:
    row = await service.send(session, principal.tenant, update_id, clock.now(), sender=principal)
    return await service.detail(session, principal, row.id)
