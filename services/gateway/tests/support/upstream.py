"""A stand-in service over real HTTP for the proxy-mechanics tests, and the gateway in
front of it (every service URL points at the stand-in)."""

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from inspraak_gateway.main import create_app
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from inspraak_shared.telemetry import setup_telemetry
from tests.support.servers import gateway_client, gateway_settings, serve

HOST = "stub.inspraak.test"
TENANT = "stubtown"


@dataclass
class Upstream:
    """A stand-in service: echoes what it received, streams, stalls on request."""

    release_stream: asyncio.Event = field(default_factory=asyncio.Event)
    first_upload_chunk: asyncio.Event = field(default_factory=asyncio.Event)

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/v1/internal/hosts/{host}", self.lookup),
                Route("/v1/echo/{rest:path}", self.echo, methods=["GET", "POST", "DELETE"]),
                Route("/v1/stream", self.stream),
                Route("/v1/upload", self.upload, methods=["POST"]),
                Route("/v1/slow", self.slow),
                Route("/{rest:path}", self.accept, methods=["GET", "POST", "PUT", "DELETE"]),
            ]
        )

    async def lookup(self, request: Request) -> Response:
        host = request.path_params["host"]
        if host != HOST:
            return JSONResponse({"status": 404}, status_code=404)
        return JSONResponse(
            {"host": host, "tenant": TENANT, "primary": host, "alias": False, "redirect": None}
        )

    async def echo(self, request: Request) -> Response:
        body = await request.body()
        return JSONResponse(
            {
                "path": request.url.path,
                "query": request.url.query,
                "headers": [[k, v] for k, v in request.headers.items()],
                "body": body.decode(),
            },
            headers={
                "Connection": "close, X-Upstream-Secret",
                "X-Upstream-Secret": "internal",
                "Keep-Alive": "timeout=5",
                "Set-Cookie": "tracking=1; Path=/",
                "X-Kept": "yes",
            },
        )

    async def stream(self, request: Request) -> Response:
        async def chunks() -> AsyncIterator[bytes]:
            yield b"first;"
            await asyncio.wait_for(self.release_stream.wait(), 10)
            yield b"second"

        return StreamingResponse(chunks(), media_type="text/plain")

    async def upload(self, request: Request) -> Response:
        received = 0
        async for chunk in request.stream():
            if chunk:
                self.first_upload_chunk.set()
            received += len(chunk)
        return JSONResponse({"received": received})

    async def accept(self, request: Request) -> Response:
        return JSONResponse({"accepted": request.url.path})

    async def slow(self, request: Request) -> Response:
        await asyncio.sleep(1.5)
        return JSONResponse({"late": True})


@dataclass
class Harness:
    client: httpx.AsyncClient
    upstream: Upstream
    spans: InMemorySpanExporter


@pytest.fixture
async def harness(
    database_url: str, gateway_nats_url: str, keycloak_endpoint
) -> AsyncIterator[Harness]:
    upstream = Upstream()
    exporter = InMemorySpanExporter()
    telemetry = setup_telemetry("inspraak-gateway", span_processors=[SimpleSpanProcessor(exporter)])
    async with serve(upstream.app()) as url:
        services = {f"{s}_url": url for s in ("identity", "projects", "contributions")}
        settings = gateway_settings(
            database_url,
            gateway_nats_url,
            widget_url=url,
            notifications_url=url,
            upstream_timeout_seconds=0.5,
            keycloak_url=keycloak_endpoint.url,
            **services,
        )
        app = create_app(settings, telemetry=telemetry)
        async with gateway_client(app, HOST) as client:
            yield Harness(client, upstream, exporter)
