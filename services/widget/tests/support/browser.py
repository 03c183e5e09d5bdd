"""Headless Chromium for the browser test, and small local HTTP servers for it.

Chromium comes from Debian (`apt-get install chromium`); Playwright drives it through
`executable_path` since browser downloads are not possible here. On a fresh machine the
test installs it when it runs as root with apt-get, and otherwise fails saying what to do.
"""

import asyncio
import contextlib
import os
import shutil
import subprocess
from collections.abc import AsyncIterator

import pytest
import uvicorn
from starlette.types import ASGIApp, Receive, Scope, Send

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
_CANDIDATES = ("chromium", "chromium-browser")


def chromium_executable() -> str:
    explicit = os.environ.get("INSPRAAK_CHROMIUM")
    if explicit:
        return explicit
    for name in _CANDIDATES:
        if found := shutil.which(name):
            return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env, timeout=600)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=env, timeout=900
        )
        if found := shutil.which("chromium"):
            return found
    pytest.fail(
        "The browser test needs Chromium: `apt-get install -y chromium` (Debian), or set "
        "INSPRAAK_CHROMIUM to a Chromium executable.",
        pytrace=False,
    )


class TenantFromGateway:
    """Stands in for the gateway in front of the widget service: every request is for one
    tenant (the gateway would resolve it from the Host header)."""

    def __init__(self, app: ASGIApp, tenant: str) -> None:
        self.app = app
        self.tenant = tenant.encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            headers = [(k, v) for k, v in scope["headers"] if k != b"x-inspraak-tenant"]
            scope = dict(scope, headers=[*headers, (b"x-inspraak-tenant", self.tenant)])
        await self.app(scope, receive, send)


def static_pages(pages: dict[str, str]) -> ASGIApp:
    """A web server for plain HTML pages by path: the municipality's own website."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        body = pages.get(scope["path"])
        status = 200 if body is not None else 404
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8")],
            }
        )
        await send({"type": "http.response.body", "body": (body or "not found").encode()})

    return app


@contextlib.asynccontextmanager
async def serving(app: ASGIApp) -> AsyncIterator[str]:
    """Serve `app` on 127.0.0.1 at a free port in this event loop; yield its origin."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, lifespan="off", log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    async with asyncio.timeout(10):
        while not server.started:
            await asyncio.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task
