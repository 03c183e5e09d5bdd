"""Every request except the operational ones is for a known host: refuse the rest, and
answer a page request with the redirect the municipality configured for it."""

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from inspraak_gateway.tenancy.directory import HostDirectory
from inspraak_shared.problems import Problem, problem_response

# Probes and the gateway's own API description answer on any host (a pod IP included).
EXEMPT_PATHS = frozenset(
    {"/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"}
)
# The API and the widget are served on every host of the tenant as they are: redirecting
# them would turn a POST into a GET, and the widget is embedded under whatever host it is.
# The host probe must answer for the very host it was asked on.
UNREDIRECTED_PREFIXES = ("/api/", "/v1/widget/", "/.well-known/")


class TenantMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in EXEMPT_PATHS:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        directory: HostDirectory = scope["app"].state.gateway.hosts
        page = not scope["path"].startswith(UNREDIRECTED_PREFIXES)
        try:
            # The path alone: a query may carry secrets (the sign-in's code) and would make
            # every URL its own cache entry.
            lookup = await directory.resolve(
                request.headers.get("host", ""), scope["path"] if page else None
            )
        except Problem as problem:
            await _refusal(problem, request)(scope, receive, send)
            return
        if page and lookup.redirect is not None:
            location = _keep_query(lookup.redirect.location, scope)
            redirect = RedirectResponse(location, lookup.redirect.status)
            await redirect(scope, receive, send)
            return
        scope.setdefault("state", {})["tenant"] = lookup
        await self.app(scope, receive, send)


def _keep_query(location: str, scope: Scope) -> str:
    """The visitor's query goes along, unless the redirect's target brings its own."""
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{location}?{query}" if query and "?" not in location else location


def _refusal(problem: Problem, request: Request) -> Response:
    """A page for browsers (in all three languages: the municipality is unknown), else JSON."""
    if "text/html" not in request.headers.get("accept", ""):
        return problem_response(problem, request)
    return HTMLResponse(
        _REFUSAL_PAGE.format(
            title=escape(problem.title), detail=escape(problem.detail or problem.title)
        ),
        status_code=problem.status,
        headers={"Cache-Control": "no-store", **problem.headers},
    )


_REFUSAL_PAGE = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title></head>
<body><main>
<h1>{title}</h1>
<p>Dit adres hoort niet bij een gemeente op dit platform. Controleer het webadres.</p>
<p lang="fr">Cette adresse n'appartient à aucune commune de cette plateforme.
Vérifiez l'adresse.</p>
<p lang="en">This address does not belong to a municipality on this platform.
Check the address.</p>
<p lang="en"><small>{detail}</small></p>
</main></body>
</html>
"""
