"""Work the projects service runs beside the shared relay and consumers: the phase scheduler.

The shared `ServiceManifest` has no hook for extra background loops, so the app's
lifespan and the worker add it here, on the runtime's own stop event.
"""

import contextlib
from collections.abc import AsyncIterator

from fastapi import FastAPI

from inspraak_projects.config import ProjectsSettings
from inspraak_projects.phases.tasks import PhaseScheduler
from inspraak_shared.service import ServiceRuntime


def start_scheduler(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    interval = (
        settings.scheduler_interval_seconds if isinstance(settings, ProjectsSettings) else 5.0
    )
    scheduler = PhaseScheduler(runtime.session_factory, interval_seconds=interval)
    runtime.spawn(scheduler.run(runtime.stop), "phase-scheduler")


def with_scheduler(app: FastAPI) -> FastAPI:
    """Wrap the app's lifespan so an embedded worker also runs the scheduler."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            runtime: ServiceRuntime = app.state.runtime
            if runtime.settings.embedded_worker:
                start_scheduler(runtime)
            yield

    app.router.lifespan_context = lifespan
    return app
