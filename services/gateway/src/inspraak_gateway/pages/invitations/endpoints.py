"""`/invitations/accept?token=…`: where an invitation e-mail's link lands. The person sees
what they are invited to, then accepts as the signed-in person, signs in first with an
account they have, or makes an account here (identity creates it with the invited
address). The token stays out of the address bar's later pages and out of shared caches."""

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from inspraak_gateway.dependencies import GatewayParts
from inspraak_gateway.pages.invitations import service
from inspraak_gateway.sessions.auth import CSRF_FIELD, check_csrf
from inspraak_gateway.state import Gateway
from inspraak_gateway.web.anonymous_forms import bind, check_form_token, form_token
from inspraak_gateway.web.api import RejectedError, Services
from inspraak_gateway.web.context import CurrentPage, Page
from inspraak_gateway.web.registration import password_error, username_error

router = APIRouter(prefix="/invitations", tags=["web: invitations"], include_in_schema=False)
Token = Annotated[str | None, Query(max_length=200)]
FIELDS = ("username", "first_name", "last_name")
SERVICE_FIELDS = {"firstName": "first_name", "lastName": "last_name"}


@router.get("/accept", response_class=HTMLResponse)
async def invitation(
    request: Request, page: CurrentPage, api: Services, gateway: GatewayParts, token: Token = None
) -> HTMLResponse:
    if not token:
        return _refused(page, page._(service.LINK_PROBLEMS["invitation-unknown"]), 404)
    try:
        offer = await service.preview(api, token)
    except service.LinkRefusedError as refused:
        return _refused(page, page._(refused.message), 410)
    return await _offer_page(request, page, api, gateway, token, offer)


@router.post("/accept", response_model=None)
async def accept(
    request: Request, page: CurrentPage, api: Services, gateway: GatewayParts
) -> HTMLResponse:
    form = await request.form()
    token = str(form.get("token", ""))[:200]
    if page.web_session is not None:
        offered = form.get(CSRF_FIELD)
        check_csrf(request, page.web_session, offered if isinstance(offered, str) else None)
    else:
        check_form_token(request, gateway, form.get(CSRF_FIELD))
    values = {key: str(form.get(key, "")).strip() for key in FIELDS}
    password = str(form.get("password", ""))
    try:
        offer = await service.preview(api, token)
        errors = {} if page.signed_in else _judge(page, values["username"], password)
        if not errors:
            body: dict[str, Any] = {"token": token}
            if not page.signed_in:
                body |= _new_account(values, password)
            accepted = await service.accept(api, body)
            return _accepted(page, accepted)
    except service.LinkRefusedError as refused:
        return _refused(page, page._(refused.message), 410)
    except RejectedError as rejected:
        errors = _service_errors(page, rejected)
    return await _offer_page(
        request, page, api, gateway, token, offer, errors=errors, values=values, status_code=422
    )


async def _offer_page(
    request: Request,
    page: Page,
    api: Services,
    gateway: Gateway,
    token: str,
    offer: dict[str, Any],
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    anonymous_token = "" if page.signed_in else form_token(request, gateway)
    response = page.render(
        "invitations/accept.html",
        status_code=status_code,
        offer=offer,
        scope_name=await service.scope_name(api, offer.get("scope"), offer.get("scopeId")),
        token=token,
        form_token=anonymous_token,
        sign_in_url=f"/auth/login?return_to={quote(f'/invitations/accept?token={token}', safe='')}",
        errors=errors or {},
        values=values or {},
    )
    # The page holds the invitation's token: never in any cache, never sent on as a referrer.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    if anonymous_token:
        bind(response, gateway, anonymous_token)
    return response


def _accepted(page: Page, accepted: dict[str, Any]) -> HTMLResponse:
    # A fresh sign-in gives a token with the new role; the first stop after it is the
    # terms for an external moderator waiting for them, else the onboarding guide.
    response = page.render(
        "invitations/accepted.html",
        status_code=201,
        accepted=accepted,
        continue_url="/auth/login?return_to=%2Fstaff%2Fguide",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _refused(page: Page, message: str, status_code: int) -> HTMLResponse:
    response = page.render("invitations/refused.html", status_code=status_code, message=message)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _judge(page: Page, username: str, password: str) -> dict[str, str]:
    found = {"username": username_error(page, username), "password": password_error(page, password)}
    return {field: message for field, message in found.items() if message}


def _new_account(values: dict[str, str], password: str) -> dict[str, Any]:
    return {
        "username": values["username"],
        "password": password,
        "firstName": values["first_name"] or None,
        "lastName": values["last_name"] or None,
    }


def _service_errors(page: Page, rejected: RejectedError) -> dict[str, str]:
    known = service.ACCEPT_PROBLEMS.get(rejected.service_slug)
    if known is not None:
        field, message = known
        return {field: page._(message)}
    found = {
        SERVICE_FIELDS.get(k, k): v
        for k, v in rejected.field_errors().items()
        if SERVICE_FIELDS.get(k, k) in (*FIELDS, "password")
    }
    return found or {"username": rejected.detail or page._("This could not be done")}
