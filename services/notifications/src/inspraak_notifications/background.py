"""The service's own loops beside the shared relay and consumers: mail delivery and the scheduler.

The shared `ServiceManifest` has no hook for extra loops, so the app's lifespan (when
it runs the embedded worker) and the worker process start them on the runtime's stop
event. Delivery is a loop over its own table rather than a consumer: a retry after an
SMTP outage must wait minutes, and a mail must be retried even when no event comes.
"""

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from inspraak_notifications.clock import Clock, SystemClock
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.mail.delivery import MailDelivery
from inspraak_notifications.scheduler import Scheduler
from inspraak_shared.service import ServiceRuntime

logger = logging.getLogger("inspraak.notifications.background")


def start_background(runtime: ServiceRuntime, clock: Clock) -> None:
    settings = runtime.settings
    assert isinstance(settings, NotificationsSettings)
    delivery = MailDelivery(runtime.session_factory, settings, clock)
    scheduler = Scheduler(runtime.session_factory, settings, clock)
    runtime.spawn(delivery.run(runtime.stop), "mail-delivery")
    runtime.spawn(scheduler.run(runtime.stop), "notifications-scheduler")


def with_background(app: FastAPI, clock: Clock | None = None) -> FastAPI:
    """Wrap the app's lifespan so an embedded worker also delivers mail and runs the schedule."""
    inner = app.router.lifespan_context
    app.state.clock = clock or SystemClock()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            runtime: ServiceRuntime = app.state.runtime
            if runtime.settings.embedded_worker:
                start_background(runtime, app.state.clock)
            yield

    app.router.lifespan_context = lifespan
    return app
