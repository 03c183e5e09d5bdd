"""`create_service_app`: the FastAPI application every service is built on."""

import contextlib
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from inspraak_shared.config import ServiceSettings
from inspraak_shared.db import ping
from inspraak_shared.limits import BodySizeLimitMiddleware
from inspraak_shared.problems import ServiceUnavailable, install_problem_handlers, problem_response
from inspraak_shared.service import (
    ServiceManifest,
    ServiceRuntime,
    configure_process_logging,
    running,
)
from inspraak_shared.telemetry import Telemetry, setup_telemetry


def create_service_app(
    manifest: ServiceManifest,
    settings: ServiceSettings | None = None,
    *,
    telemetry: Telemetry | None = None,
) -> FastAPI:
    settings = settings or manifest.settings_factory()
    telemetry = telemetry or setup_telemetry(
        f"inspraak-{manifest.name}",
        sample_ratio=settings.trace_sample_ratio,
        otlp_endpoint=settings.otlp_endpoint,
    )

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_process_logging(manifest, settings)
        runtime = ServiceRuntime.build(manifest, settings, telemetry)
        app.state.runtime = runtime
        app.state.session_factory = runtime.session_factory
        app.state.token_verifier = runtime.token_verifier
        async with running(runtime, with_worker=settings.embedded_worker):
            yield

    app = FastAPI(
        title=f"Inspraak {manifest.title}",
        version=manifest.version,
        description=manifest.description,
        lifespan=lifespan,
        telemetry=telemetry.fastapi_config(),  # type: ignore[arg-type]
    )
    install_problem_handlers(app)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_request_body_bytes)
    _add_operational_routes(app, telemetry)
    for router in manifest.routers:
        app.include_router(router)
    return app


def _add_operational_routes(app: FastAPI, telemetry: Telemetry) -> None:
    @app.get("/healthz", tags=["operations"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["operations"],
        summary="The database and NATS are reachable",
        responses={503: {"description": "A dependency is down"}},
    )
    async def readyz(request: Request) -> Any:
        runtime: ServiceRuntime = request.app.state.runtime
        checks = {"database": "ok", "nats": "ok"}
        try:
            await ping(runtime.engine)
        except Exception:  # noqa: BLE001 - reported as not ready
            checks["database"] = "unreachable"
        if not (runtime.nats.connected and runtime.nats.ready.is_set()):
            checks["nats"] = "unreachable"
        if any(value != "ok" for value in checks.values()):
            down = ", ".join(k for k, v in checks.items() if v != "ok")
            problem = ServiceUnavailable(f"Not ready: {down}.", extensions={"checks": checks})
            return problem_response(problem, request)
        return JSONResponse({"status": "ready", "checks": checks})

    @app.get("/metrics", tags=["operations"], summary="Prometheus metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(telemetry.registry), media_type=CONTENT_TYPE_LATEST)
