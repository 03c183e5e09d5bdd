"""`/me/...`: notifications, profile, download my data, erase my account."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from inspraak_gateway.dependencies import GatewayParts
from inspraak_gateway.pages.account import service
from inspraak_gateway.pages.residents.auth import PostedForm
from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.sessions.auth import CurrentWebSession
from inspraak_gateway.web.api import RejectedError, Services, check
from inspraak_gateway.web.context import CurrentPage
from inspraak_gateway.web.i18n import N_
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/me", tags=["web: account"], include_in_schema=False)
Done = Annotated[str | None, Query(max_length=40)]
NOTICES = {
    "profile": N_("Your profile has been saved."),
    "read": N_("All notifications are marked as read."),
}


@router.get("/notifications", response_class=HTMLResponse)
async def notifications(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    feed = await service.notifications(api, page.language)
    return page.render("account/notifications.html", feed=feed, notice=NOTICES.get(done or ""))


@router.post("/notifications/read")
async def read_all(api: Services, _: PostedForm) -> RedirectResponse:
    await service.mark_all_read(api)
    return RedirectResponse("/me/notifications?done=read", status_code=303)


@router.get("/profile", response_class=HTMLResponse)
async def profile(
    page: CurrentPage, api: Services, _: CurrentWebSession, done: Done = None
) -> HTMLResponse:
    me, areas = await service.profile(api)
    return page.render(
        "account/profile.html", me=me, areas=areas, errors={}, notice=NOTICES.get(done or "")
    )


@router.post("/profile", response_model=None)
async def save_profile(page: CurrentPage, api: Services, form: PostedForm) -> Response:
    changes: dict[str, object] = {
        "firstName": str(form.get("first_name", "")).strip() or None,
        "lastName": str(form.get("last_name", "")).strip() or None,
    }
    language = str(form.get("language", ""))
    if language in page.branding.languages:
        changes["language"] = language
    if "area_id" in form:
        changes["areaId"] = str(form.get("area_id", "")) or None
    try:
        await service.update_profile(api, changes)
    except RejectedError as rejected:
        me, areas = await service.profile(api)
        errors = {
            {"firstName": "first_name", "lastName": "last_name", "areaId": "area_id"}.get(k, k): v
            for k, v in rejected.field_errors().items()
        } or {"first_name": rejected.detail or page._("This could not be done")}
        return page.render(
            "account/profile.html", status_code=422, me=me, areas=areas, errors=errors
        )
    return RedirectResponse("/me/profile?done=profile", status_code=303)


@router.get("/data", response_class=HTMLResponse)
async def data(page: CurrentPage, web_session: CurrentWebSession) -> HTMLResponse:
    return page.render("account/data.html", errors={})


@router.get("/data/export")
async def export(api: Services, _: CurrentWebSession) -> StreamingResponse:
    """identity's JSON export, streamed through as a download."""
    request = api.http.build_request(
        "GET",
        f"{api.urls['identity']}/v1/me/export",
        headers={
            "X-Inspraak-Tenant": api.tenant,
            "X-Request-Id": api.request_id,
            "Authorization": f"Bearer {api.token}",
        },
    )
    upstream = await api.http.send(request, stream=True)
    if upstream.status_code >= 400:
        await upstream.aread()
        await upstream.aclose()
        check(upstream)
    return StreamingResponse(
        upstream.aiter_raw(),
        media_type="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="my-data.json"',
            "Cache-Control": "no-store",
        },
        background=BackgroundTask(upstream.aclose),
    )


@router.post("/erasure", response_model=None)
async def erase(
    page: CurrentPage,
    api: Services,
    form: PostedForm,
    db: DbSession,
    gateway: GatewayParts,
    web_session: CurrentWebSession,
) -> Response:
    typed = str(form.get("confirm_username", "")).strip()
    if typed.lower() != web_session.username.lower():
        errors = {"confirm_username": page._("Type your username exactly to confirm.")}
        return page.render("account/data.html", status_code=422, errors=errors, typed=typed)
    await service.erase(api, typed)
    # The account is gone: end the session here too (Keycloak's ended with the account).
    await sessions.forget(db, web_session)
    response = RedirectResponse("/?done=erased", status_code=303)
    cookies.clear(response, gateway.settings, cookies.SESSION_COOKIE)
    return response
