"""429 with Retry-After once a person or an address goes over a rule's limit."""

import httpx
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from inspraak_gateway.ratelimit.buckets import TokenBuckets, retry_after
from inspraak_gateway.ratelimit.rules import Rule, rule_for
from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.web import errors
from inspraak_shared.auth import TokenRejectedError, TokenVerifier
from inspraak_shared.problems import TooManyRequests, problem_response


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.buckets = TokenBuckets()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        rule = None
        if scope["type"] == "http":
            query = scope.get("query_string", b"").decode("latin-1")
            rule = rule_for(scope["method"], scope["path"], query)
        if rule is None:
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        wait = await self._wait(rule, request)
        if wait > 0 and errors.wants_page(request):
            # A person's form: a page in their language, with the wait told in words.
            page = await errors.error_page(request, 429, {"Retry-After": retry_after(wait)})
            await page(scope, receive, send)
            return
        if wait > 0:
            problem = TooManyRequests(
                "Too many attempts in a short time. Please wait a moment and try again.",
                extensions={"limit": rule.name},
                headers={"Retry-After": retry_after(wait)},
            )
            await problem_response(problem, request)(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _wait(self, rule: Rule, request: Request) -> float:
        tenant = getattr(request.state, "tenant", None)
        tenant_slug = tenant.tenant if tenant is not None else "-"
        address = request.client.host if request.client else "unknown"
        wait = self.buckets.take(f"{rule.name}|addr|{address}", rule.per_address)
        person = await _person(request) if rule.per_person else None
        if person is not None and rule.per_person is not None:
            key = f"{rule.name}|person|{tenant_slug}|{person}"
            wait = max(wait, self.buckets.take(key, rule.per_person))
        return wait


async def _person(request: Request) -> str | None:
    """Who is asking, from a verified token (a forged one must not drain someone's bucket)."""
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return await _session_person(request)
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        return (await verifier.verify(token.strip())).user_id
    except (TokenRejectedError, httpx.HTTPError):
        return None  # the service refuses it anyway; the address limit still counts


async def _session_person(request: Request) -> str | None:
    gateway = request.app.state.gateway
    key = cookies.read(request, gateway.settings, cookies.SESSION_COOKIE)
    tenant = getattr(request.state, "tenant", None)
    if not key or tenant is None:
        return None
    async with request.app.state.session_factory() as db:
        row = await sessions.current(db, key, tenant.tenant)
    return row.user_id if row is not None else None
