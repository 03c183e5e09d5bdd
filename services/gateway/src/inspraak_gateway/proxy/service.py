"""Forwarding one request to a service: headers cleaned and set, bodies streamed both ways."""

import logging
from collections.abc import Iterable

import httpx
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import StreamingResponse

from inspraak_shared.problems import Problem
from inspraak_shared.telemetry import inject_trace_context
from inspraak_shared.tenancy import TENANT_HEADER

logger = logging.getLogger("inspraak.gateway.proxy")

# RFC 9110 section 7.6.1: meant for one connection, never forwarded.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# Only the gateway says these: a client must not pick its tenant, trace or forwarding
# chain, and the services get no cookies (the session cookie is the gateway's alone).
_SET_BY_GATEWAY = frozenset(
    {
        "host",
        TENANT_HEADER.lower(),
        "traceparent",
        "tracestate",
        "x-request-id",
        "forwarded",
        "x-forwarded-for",
        "x-forwarded-host",
        "x-forwarded-proto",
        "cookie",
    }
)
# Cookies on the municipality's host names are the gateway's: a service sets none.
_DROPPED_FROM_RESPONSES = frozenset({"set-cookie"})


class UpstreamTimeoutError(Problem):
    status, title, slug = 504, "Gateway timeout", "upstream-timeout"


class UpstreamUnavailableError(Problem):
    status, title, slug = 502, "Bad gateway", "upstream-unavailable"


def _connection_tokens(headers: Iterable[tuple[str, str]]) -> set[str]:
    """Headers the sender named in `Connection` are hop-by-hop as well."""
    return {
        token.strip().lower()
        for name, value in headers
        if name.lower() == "connection"
        for token in value.split(",")
        if token.strip()
    }


def request_headers(
    request: Request, tenant: str, request_id: str, authorization: str | None = None
) -> list[tuple[str, str]]:
    incoming = request.headers.items()
    skipped = HOP_BY_HOP | _SET_BY_GATEWAY | _connection_tokens(incoming)
    if authorization is not None:
        skipped |= {"authorization"}
    headers = [(name, value) for name, value in incoming if name.lower() not in skipped]
    carrier: dict[str, str] = {}
    inject_trace_context(carrier)  # the gateway's server span becomes the parent
    headers.extend(carrier.items())
    headers.append((TENANT_HEADER, tenant))
    headers.append(("X-Request-Id", request_id))
    if authorization is not None:
        headers.append(("Authorization", authorization))
    headers.append(("X-Forwarded-Host", request.headers.get("host", "")))
    headers.append(("X-Forwarded-Proto", request.url.scheme))
    if request.client is not None:
        headers.append(("X-Forwarded-For", request.client.host))
    return headers


def response_headers(upstream: httpx.Response) -> list[tuple[bytes, bytes]]:
    raw = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in upstream.headers.raw]
    skipped = HOP_BY_HOP | _DROPPED_FROM_RESPONSES | _connection_tokens(raw)
    # The body goes on as received (still compressed, if it was), so Content-Length holds.
    return [
        (k.lower().encode("latin-1"), v.encode("latin-1"))
        for k, v in raw
        if k.lower() not in skipped
    ]


# Methods a client expects to be safe to repeat; only these are retried, and only without body.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def send_upstream(
    http: httpx.AsyncClient, outgoing: httpx.Request, *, retry: bool
) -> httpx.Response:
    """Send once; a safe request whose pooled connection the service had just closed is
    sent once more on a fresh connection instead of failing the reader with a 502."""
    try:
        return await http.send(outgoing, stream=True)
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        if not retry:
            raise
        logger.info("retrying %s %s once: %s", outgoing.method, outgoing.url, exc)
        return await http.send(outgoing, stream=True)


async def forward(
    http: httpx.AsyncClient,
    request: Request,
    url: str,
    *,
    tenant: str,
    request_id: str,
    authorization: str | None = None,
) -> StreamingResponse:
    """Send `request` on to `url` (an absolute URL, path as received) with its query."""
    has_body = "content-length" in request.headers or "transfer-encoding" in request.headers
    outgoing = http.build_request(
        request.method,
        httpx.URL(url, query=request.scope.get("query_string", b"")),
        headers=request_headers(request, tenant, request_id, authorization),
        content=request.stream() if has_body else None,
    )
    try:
        retry = not has_body and request.method in SAFE_METHODS
        upstream = await send_upstream(http, outgoing, retry=retry)
    except httpx.TimeoutException as exc:
        logger.warning("upstream timeout: %s %s", request.method, url)
        raise UpstreamTimeoutError("The service did not answer in time. Please try again.") from exc
    except httpx.HTTPError as exc:
        logger.warning("upstream unreachable: %s %s (%s)", request.method, url, exc)
        raise UpstreamUnavailableError(
            "The service cannot be reached right now. Please try again later."
        ) from exc
    response = StreamingResponse(
        upstream.aiter_raw(),
        status_code=upstream.status_code,
        background=BackgroundTask(upstream.aclose),
    )
    response.raw_headers = response_headers(upstream)
    return response
