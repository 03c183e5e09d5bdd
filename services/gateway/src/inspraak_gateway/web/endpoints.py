"""The language switch and registration: links in the layout that work without scripts."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from inspraak_gateway.branding import service as branding
from inspraak_gateway.dependencies import GatewayParts, ResolvedHost
from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.sessions.auth import OptionalWebSession
from inspraak_gateway.sessions.service import safe_return_to
from inspraak_gateway.web import registration
from inspraak_gateway.web.api import Services
from inspraak_gateway.web.context import LANGUAGE_COOKIE, CurrentPage
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


@router.get("/register", response_model=None)
async def register(
    request: Request,
    page: CurrentPage,
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    return_to: Annotated[str | None, Query(max_length=2000)] = None,
    kind: Annotated[str | None, Query(pattern=r"^(person|organisation)$")] = None,
) -> Response:
    """First the choice (a person, or an organisation, council or neighbourhood); a person
    goes on to Keycloak's registration page, an organisation fills in the form here."""
    if not page.branding.allow_self_registration:
        raise NotFound("This municipality does not offer registration.")
    if kind is None:
        return page.render("account/register.html", return_to=safe_return_to(return_to))
    if kind == "organisation":
        return registration.organisation_form(request, page, gateway)
    url, state = await sessions.start_login(
        db,
        gateway.oidc,
        tenant=host.tenant,
        redirect_uri=f"{gateway.settings.public_origin(host.primary)}/auth/callback",
        return_to=return_to or "/",
        register=True,
    )
    response = RedirectResponse(url, status_code=302)
    response.headers["Cache-Control"] = "no-store"
    cookies.put(
        response, gateway.settings, cookies.LOGIN_COOKIE, state, cookies.LOGIN_COOKIE_SECONDS
    )
    return response


@router.post("/register/organisation", response_model=None)
async def register_organisation(
    request: Request, page: CurrentPage, gateway: GatewayParts, api: Services
) -> Response:
    if not page.branding.allow_self_registration:
        raise NotFound("This municipality does not offer registration.")
    return await registration.register_organisation(request, page, gateway, api)
