"""ASGI entry point: `uvicorn --factory inspraak_gateway.main:create_app`."""

import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.manifest import MANIFEST
from inspraak_gateway.ratelimit.middleware import RateLimitMiddleware
from inspraak_gateway.request_id import RequestIdMiddleware
from inspraak_gateway.security.headers import SecurityHeadersMiddleware
from inspraak_gateway.state import Gateway
from inspraak_gateway.tenancy.middleware import TenantMiddleware
from inspraak_gateway.web import errors
from inspraak_gateway.web.static import STATIC_DIR, require_vendor_files
from inspraak_shared.app import create_service_app
from inspraak_shared.telemetry import Telemetry


def create_app(
    settings: GatewaySettings | None = None, *, telemetry: Telemetry | None = None
) -> FastAPI:
    settings = settings or GatewaySettings()
    require_vendor_files()
    app = create_service_app(MANIFEST, settings, telemetry=telemetry)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    errors.install(app)
    service_lifespan = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        gateway = Gateway.build(settings)
        app.state.gateway = gateway
        try:
            async with service_lifespan(app):
                yield
        finally:
            await gateway.aclose()

    app.router.lifespan_context = lifespan
    # Added last runs first: the request id exists before the host is even looked up, and
    # limits are counted per known tenant only.
    app.add_middleware(RateLimitMiddleware)
    app.add_middleware(TenantMiddleware)
    app.add_middleware(
        SecurityHeadersMiddleware,
        keycloak_origin=_origin(settings.issuer_base_url),
        hsts_seconds=settings.hsts_seconds,
        tile_origin=_origin(settings.map_tile_url),
    )
    app.add_middleware(RequestIdMiddleware)
    return app


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
