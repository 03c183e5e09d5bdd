"""`/auth/login`, `/auth/callback`, `/auth/logout` and `/auth/session`."""

from typing import Annotated
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse

from inspraak_gateway.dependencies import GatewayParts, RequestId, ResolvedHost
from inspraak_gateway.pages.onboarding import service as onboarding
from inspraak_gateway.proxy.upstreams import API_ROOTS
from inspraak_gateway.sessions import cookies, service
from inspraak_gateway.sessions.auth import (
    CSRF_FIELD,
    CurrentWebSession,
    OptionalWebSession,
    check_csrf,
)
from inspraak_gateway.sessions.oidc import SignInFailedError
from inspraak_gateway.sessions.schemas import SessionRead
from inspraak_gateway.web.api import ServiceApi
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/auth", tags=["sign-in"])


def _redirect_uri(gateway: GatewayParts, host: ResolvedHost) -> str:
    # Always the primary domain: the one Keycloak's client lists (aliases redirect to it).
    return f"{gateway.settings.public_origin(host.primary)}/auth/callback"


async def _form_field(request: Request, name: str) -> str | None:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return None
    values = parse_qs((await request.body()).decode("utf-8", "replace")).get(name)
    return values[0] if values else None


@router.get("/login", summary="Sign in with the municipality's Keycloak (code flow + PKCE)")
async def login(
    request: Request,
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    return_to: Annotated[str | None, Query(max_length=2000)] = None,
) -> RedirectResponse:
    url, state = await service.start_login(
        db,
        gateway.oidc,
        tenant=host.tenant,
        redirect_uri=_redirect_uri(gateway, host),
        return_to=return_to or "/",
    )
    response = RedirectResponse(url, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    cookies.put(
        response, gateway.settings, cookies.LOGIN_COOKIE, state, cookies.LOGIN_COOKIE_SECONDS
    )
    return response


@router.get("/callback", summary="Where Keycloak sends the browser back after sign-in")
async def callback(
    request: Request,
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    request_id: RequestId,
    state: Annotated[str, Query(max_length=200)],
    code: Annotated[str | None, Query(max_length=4000)] = None,
    error: Annotated[str | None, Query(max_length=200)] = None,
) -> RedirectResponse:
    bound = cookies.read(request, gateway.settings, cookies.LOGIN_COOKIE)
    # The state must come back to the browser that started the sign-in (no login CSRF).
    if not bound or bound != state:
        raise SignInFailedError("This sign-in was started elsewhere. Please sign in again.")
    if error or not code:
        raise SignInFailedError("The sign-in was cancelled or refused by Keycloak.")
    signed_in = await service.complete_login(
        db,
        gateway.oidc,
        request.app.state.token_verifier,
        tenant=host.tenant,
        state=state,
        code=code,
    )
    api = ServiceApi(
        http=gateway.http,
        urls={name: gateway.settings.service_url(name) for name in API_ROOTS},
        tenant=host.tenant,
        request_id=request_id,
        token=signed_in.web_session.access_token,
    )
    where = await onboarding.first_stop(api, signed_in.return_to)
    response = RedirectResponse(where, status_code=303)
    response.headers["Cache-Control"] = "no-store"
    cookies.clear(response, gateway.settings, cookies.LOGIN_COOKIE)
    # A session cookie (no Max-Age): the server-side row decides how long it lasts.
    cookies.put(response, gateway.settings, cookies.SESSION_COOKIE, signed_in.cookie_key, None)
    return response


@router.post("/logout", summary="Sign out here and at Keycloak")
async def logout(
    request: Request,
    db: DbSession,
    gateway: GatewayParts,
    web_session: CurrentWebSession,
) -> RedirectResponse:
    """A form posts here with `csrf_token`; scripts send the X-CSRF-Token header instead."""
    check_csrf(request, web_session, await _form_field(request, CSRF_FIELD))
    await service.logout(db, gateway.oidc, web_session)
    response = RedirectResponse("/", status_code=303)
    cookies.clear(response, gateway.settings, cookies.SESSION_COOKIE)
    return response


@router.get("/session", summary="Whether the browser is signed in, and its CSRF token")
async def read_session(web_session: OptionalWebSession) -> SessionRead:
    if web_session is None:
        return SessionRead(signed_in=False)
    return SessionRead(
        signed_in=True,
        user_id=web_session.user_id,
        username=web_session.username,
        csrf_token=web_session.csrf_token,
    )
