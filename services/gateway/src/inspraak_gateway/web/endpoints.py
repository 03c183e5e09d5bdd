"""The language switch and registration: links in the layout that work without scripts."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse

from inspraak_gateway.branding import service as branding
from inspraak_gateway.dependencies import GatewayParts, ResolvedHost
from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.sessions.auth import OptionalWebSession
from inspraak_gateway.sessions.service import safe_return_to
from inspraak_gateway.web.context import LANGUAGE_COOKIE
from inspraak_shared.db import DbSession
from inspraak_shared.problems import NotFound

router = APIRouter(tags=["web"], include_in_schema=False)
LANGUAGE_COOKIE_SECONDS = 365 * 24 * 3600


@router.get("/language/{code}")
async def switch_language(
    request: Request,
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    web_session: OptionalWebSession,
    code: Annotated[str, Path(pattern=r"^[a-z]{2}$")],
    return_to: Annotated[str | None, Query(max_length=2000)] = None,
) -> RedirectResponse:
    """A plain link: the choice goes into a cookie and, when signed in, the session."""
    tenant = await branding.branding_of(db, host.tenant)
    if code not in tenant.languages:
        raise NotFound("This municipality does not offer that language.")
    if web_session is not None:
        await sessions.set_language(db, web_session, code)
    response = RedirectResponse(safe_return_to(return_to), status_code=303)
    cookies.put(response, gateway.settings, LANGUAGE_COOKIE, code, LANGUAGE_COOKIE_SECONDS)
    return response


@router.get("/register")
async def register(
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    return_to: Annotated[str | None, Query(max_length=2000)] = None,
) -> RedirectResponse:
    """Keycloak's registration page of the municipality's realm, then back signed in."""
    tenant = await branding.branding_of(db, host.tenant)
    if not tenant.allow_self_registration:
        raise NotFound("This municipality does not offer registration.")
    url, state = await sessions.start_login(
        db,
        gateway.oidc,
        tenant=host.tenant,
        redirect_uri=f"{gateway.settings.public_scheme}://{host.primary}/auth/callback",
        return_to=return_to or "/",
        register=True,
    )
    response = RedirectResponse(url, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    cookies.put(
        response, gateway.settings, cookies.LOGIN_COOKIE, state, cookies.LOGIN_COOKIE_SECONDS
    )
    return response
