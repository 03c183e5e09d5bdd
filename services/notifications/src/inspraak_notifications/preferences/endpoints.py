"""Notification preferences of the signed-in person, and one-click unsubscribe links."""

from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import HTMLResponse

from inspraak_notifications import links
from inspraak_notifications.dependencies import CurrentClock, Settings
from inspraak_notifications.directory import service as directory
from inspraak_notifications.i18n import Language, pick_language
from inspraak_notifications.kinds import NotificationType
from inspraak_notifications.mail.render import unsubscribe_page
from inspraak_notifications.preferences import service
from inspraak_notifications.preferences.auth import Owner
from inspraak_notifications.preferences.schemas import PreferenceRead, PreferenceUpdate
from inspraak_shared.db import DbSession
from inspraak_shared.tenancy import RequestTenant

router = APIRouter(prefix="/v1", tags=["preferences"])

Token = Annotated[str, Query(min_length=10, max_length=2000, description="From the mail's link")]


@router.get("/me/notification-preferences", summary="My notification preferences")
async def list_preferences(
    session: DbSession, principal: Owner, language: Language | None = None
) -> list[PreferenceRead]:
    return await service.listing(
        session, principal, await directory.language_of(session, principal, language)
    )


@router.put(
    "/me/notification-preferences/{kind}",
    summary="Change my preference for one notification type",
    responses={409: {"description": "A service message that cannot be turned off"}},
)
async def change_preference(
    kind: NotificationType,
    update: PreferenceUpdate,
    session: DbSession,
    principal: Owner,
    clock: CurrentClock,
) -> list[PreferenceRead]:
    await service.change(session, principal, kind, update, clock.now())
    return await service.listing(
        session, principal, await directory.language_of(session, principal)
    )


async def _page(
    session: DbSession, settings: Settings, tenant: str, token: str, *, done: bool
) -> HTMLResponse:
    claim, kind = service.read_token(settings.unsubscribe_secret.get_secret_value(), token, tenant)
    look = await directory.look(session, tenant)
    person = await directory.person(session, tenant, claim.user_id)
    language = pick_language(person.language if person else None, look.default_language)
    html = unsubscribe_page(
        look,
        language,
        kind,
        action=links.unsubscribe_url(settings, look, token),
        preferences_url=links.preferences_url(settings, look),
        done=done,
    )
    return HTMLResponse(html)


@router.get(
    "/unsubscribe",
    response_class=HTMLResponse,
    summary="The page behind an unsubscribe link: asks to confirm (a GET changes nothing)",
    responses={404: {"description": "Not a valid link of this municipality"}},
)
async def unsubscribe_page_view(
    session: DbSession, settings: Settings, tenant: RequestTenant, token: Token
) -> HTMLResponse:
    # Link scanners fetch every URL in a mail: only the POST unsubscribes.
    return await _page(session, settings, tenant, token, done=False)


@router.post(
    "/unsubscribe",
    response_class=HTMLResponse,
    status_code=status.HTTP_200_OK,
    summary="One-click unsubscribe (RFC 8058) from one notification type",
    responses={404: {"description": "Not a valid link of this municipality"}},
)
async def unsubscribe(
    session: DbSession,
    settings: Settings,
    tenant: RequestTenant,
    token: Token,
    clock: CurrentClock,
) -> HTMLResponse:
    claim, _ = service.read_token(settings.unsubscribe_secret.get_secret_value(), token, tenant)
    await service.unsubscribe(session, claim, clock.now())
    return await _page(session, settings, tenant, token, done=True)
