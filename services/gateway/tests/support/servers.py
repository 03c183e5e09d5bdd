"""ASGI apps served over real HTTP inside the test's event loop: the gateway itself (so
streaming is observable, which httpx's in-memory transport would buffer away) and the
small upstreams of the proxy-mechanics tests."""

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import httpx
import uvicorn
from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.manifest import MANIFEST
from starlette.types import ASGIApp

from inspraak_shared.testing import settings_for_test


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serve(app: ASGIApp, *, lifespan: str = "off") -> AsyncIterator[str]:
    """Serve `app` on a free local port until the block ends; yields its base URL."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan=lifespan,
        log_level="warning",
        # Longer than any pause between a test's requests (a sign-in through a busy
        # Keycloak takes seconds): otherwise the server may close a kept-alive connection
        # just as the client reuses it, and the request fails with a ReadError.
        timeout_keep_alive=120,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(20):
            while not server.started:
                if task.done():
                    task.result()
                    raise RuntimeError("the server stopped while starting")
                await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@contextlib.asynccontextmanager
async def gateway_client(app: ASGIApp, host: str) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway on a real port, ready, and a client that speaks to it as `host`."""
    async with (
        serve(app, lifespan="on") as url,
        httpx.AsyncClient(
            base_url=url, headers={"Host": host}, trust_env=False, timeout=15
        ) as client,
    ):
        async with asyncio.timeout(20):
            while (await client.get("/readyz")).status_code != 200:
                await asyncio.sleep(0.1)
        yield client


def gateway_settings(database_url: str, nats_url: str, **values: object) -> GatewaySettings:
    settings = settings_for_test(MANIFEST, database_url=database_url, nats_url=nats_url, **values)
    assert isinstance(settings, GatewaySettings)
    return settings
