"""Errors on pages are pages: a browser gets the layout, a plain message in its language
and a way on (sign in, back home); API clients keep their problem+json."""

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from inspraak_gateway.branding import service as branding
from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.tenancy.schemas import HostLookup
from inspraak_gateway.web.api import SignInRequiredError
from inspraak_gateway.web.context import Page, page_for
from inspraak_gateway.web.i18n import N_
from inspraak_shared.problems import Problem, problem_response

# Paths whose callers are programs: they keep the JSON problems.
_PROGRAM_PREFIXES = ("/api/", "/v1/", "/auth/session", "/.well-known/", "/healthz", "/readyz")

_TITLES: dict[int, tuple[str, str]] = {
    400: (N_("Something went wrong"), N_("The request could not be handled. Please try again.")),
    403: (
        N_("You may not do this"),
        N_("Your account does not have the rights for this page or action."),
    ),
    404: (N_("Page not found"), N_("This page does not exist or is not visible to you.")),
    409: (N_("This could not be done"), N_("The situation changed in the meantime.")),
    422: (N_("This could not be done"), N_("Check what you entered and try again.")),
    429: (
        N_("Please wait a moment"),
        N_("You did this many times in a short time. Please wait a moment and try again."),
    ),
}
_UNAVAILABLE = (
    N_("Temporarily unavailable"),
    N_("A part of the platform cannot be reached right now. Please try again later."),
)


def wants_page(request: Request) -> bool:
    if request.url.path.startswith(_PROGRAM_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


async def page_outside_endpoint(request: Request) -> Page | None:
    """The page context for an error raised before or outside an endpoint's dependencies."""
    host = getattr(request.state, "tenant", None)
    if not isinstance(host, HostLookup):
        return None
    gateway = request.app.state.gateway
    async with request.app.state.session_factory() as db:
        tenant = await branding.branding_of(db, host.tenant)
        key = cookies.read(request, gateway.settings, cookies.SESSION_COOKIE)
        web_session = await sessions.current(db, key, host.tenant) if key else None
    return page_for(request, gateway.settings, tenant, web_session)


def wait_in_words(page: Page, retry_after: str | None) -> str | None:
    """`Retry-After` as a person reads it: "in 3 minutes", rounded up."""
    if not retry_after or not retry_after.isdigit():
        return None
    seconds = max(1, int(retry_after))
    if seconds < 60:
        wait = page.catalogue.ngettext("%(num)d second", "%(num)d seconds", seconds)
        amount = seconds
    elif seconds < 3600:
        amount = -(-seconds // 60)
        wait = page.catalogue.ngettext("%(num)d minute", "%(num)d minutes", amount)
    else:
        amount = -(-seconds // 3600)
        wait = page.catalogue.ngettext("%(num)d hour", "%(num)d hours", amount)
    return page._("You can try again in %(wait)s.") % {"wait": wait % {"num": amount}}


async def error_page(request: Request, status: int, headers: dict[str, str] | None) -> Response:
    page = await page_outside_endpoint(request)
    if page is None:
        return Response(status_code=status, headers=headers)
    title, text = _TITLES.get(status, _UNAVAILABLE)
    detail = wait_in_words(page, (headers or {}).get("Retry-After")) if status == 429 else None
    response = page.render(
        "error.html", status_code=status, title=title, text=text, status=status, detail=detail
    )
    response.headers.update(headers or {})
    return response


async def _on_problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, Problem)
    if isinstance(exc, SignInRequiredError) or exc.status == 401:
        path = request.url.path if request.method == "GET" else request.headers.get("referer", "/")
        return RedirectResponse(f"/auth/login?return_to={quote(_local(path), safe='')}", 303)
    return await error_page(request, exc.status, exc.headers)


async def _on_http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    return await error_page(request, exc.status_code, getattr(exc, "headers", None))


async def _on_validation(request: Request, exc: Exception) -> Response:
    return await error_page(request, 422, None)


def _local(url: str) -> str:
    """A referer reduced to its path on this host (never a redirect elsewhere)."""
    if url.startswith("/") and not url.startswith("//"):
        return url
    parts = url.split("/", 3)
    return "/" + parts[3] if len(parts) == 4 else "/"


def install(app: FastAPI) -> None:
    """Pages get HTML errors; everything else keeps the shared problem handlers."""
    shared_problem = app.exception_handlers.get(Problem)
    shared_http = app.exception_handlers.get(StarletteHTTPException)
    shared_validation = app.exception_handlers.get(RequestValidationError)

    async def on_problem(request: Request, exc: Exception) -> Response:
        if wants_page(request):
            return await _on_problem(request, exc)
        if shared_problem is not None:
            return await shared_problem(request, exc)  # type: ignore[misc,no-any-return]
        return problem_response(exc, request)  # type: ignore[arg-type]

    async def on_http(request: Request, exc: Exception) -> Response:
        if wants_page(request) or shared_http is None:
            return await _on_http_exception(request, exc)
        return await shared_http(request, exc)  # type: ignore[misc,no-any-return]

    async def on_validation(request: Request, exc: Exception) -> Response:
        if wants_page(request) or shared_validation is None:
            return await _on_validation(request, exc)
        return await shared_validation(request, exc)  # type: ignore[misc,no-any-return]

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
