"""`/api/v1/<service>/...` to the services, `/v1/widget/...` to the widget as it is, and
the merged OpenAPI document."""

from typing import Any
from urllib.parse import unquote

from fastapi import APIRouter, Request
from starlette.responses import StreamingResponse

from inspraak_gateway.dependencies import GatewayParts, RequestId, ResolvedHost
from inspraak_gateway.proxy import service
from inspraak_gateway.proxy.upstreams import upstream_path
from inspraak_gateway.sessions import service as sessions
from inspraak_gateway.sessions.auth import OptionalWebSession, check_csrf
from inspraak_shared.db import DbSession
from inspraak_shared.problems import NotFound

router = APIRouter()

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
_API_PREFIX = "/api/v1/"


@router.get(
    "/api/openapi.json",
    tags=["public API"],
    summary="The public API of every service, as the gateway serves it",
)
async def merged_openapi(gateway: GatewayParts, _: ResolvedHost) -> dict[str, Any]:
    return await gateway.openapi.document()


@router.api_route(f"{_API_PREFIX}{{name}}/{{rest:path}}", methods=METHODS, include_in_schema=False)
async def public_api(
    request: Request,
    gateway: GatewayParts,
    host: ResolvedHost,
    request_id: RequestId,
    db: DbSession,
    web_session: OptionalWebSession,
) -> StreamingResponse:
    # The raw path: percent-encoded characters reach the service exactly as sent.
    raw = request.scope.get("raw_path", b"").decode("latin-1").split("?", 1)[0]
    name, _, rest = raw.removeprefix(_API_PREFIX).partition("/")
    # Checked decoded too: `%2e%2e` or `%69nternal` must not slip past the rules.
    path = upstream_path(name, rest)
    if path is None or upstream_path(name, unquote(rest)) is None:
        raise NotFound("There is no such API path.")
    url = f"{gateway.settings.service_url(name)}{path}"
    return await service.forward(
        gateway.http,
        request,
        url,
        tenant=host.tenant,
        request_id=request_id,
        authorization=await _session_authorization(request, db, gateway, web_session),
    )


@router.api_route("/v1/widget/{rest:path}", methods=METHODS, include_in_schema=False)
async def widget(
    request: Request,
    gateway: GatewayParts,
    host: ResolvedHost,
    request_id: RequestId,
    db: DbSession,
    web_session: OptionalWebSession,
) -> StreamingResponse:
    raw = request.scope.get("raw_path", b"").decode("latin-1").split("?", 1)[0]
    if any(s in {".", ".."} for s in unquote(raw).split("/")):
        raise NotFound("There is no such widget path.")
    url = f"{gateway.settings.widget_url.rstrip('/')}{raw}"
    return await service.forward(
        gateway.http,
        request,
        url,
        tenant=host.tenant,
        request_id=request_id,
        authorization=await _session_authorization(request, db, gateway, web_session),
    )


async def _session_authorization(
    request: Request, db: DbSession, gateway: GatewayParts, web_session: OptionalWebSession
) -> str | None:
    """The session's access token for the service; an API client's own Bearer token wins."""
    if web_session is None or "authorization" in request.headers:
        return None
    check_csrf(request, web_session)
    token = await sessions.access_token(db, gateway.oidc, web_session)
    return f"Bearer {token}" if token else None
