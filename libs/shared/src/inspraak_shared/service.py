"""What a service is made of, and the runtime every service process shares.

A service declares a `ServiceManifest` (its name, settings, routers, migrations and
event consumers); `create_service_app` and `run_worker` turn it into a process, so the
six services start, report health, publish and consume the same way.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from fastapi import APIRouter
from sqlalchemy.ext.asyncio import AsyncEngine

from inspraak_shared.auth.jwks import JwksCache
from inspraak_shared.auth.verifier import TokenVerifier, keycloak_locator
from inspraak_shared.config import ServiceSettings
from inspraak_shared.db import SessionFactory, create_engine, create_session_factory
from inspraak_shared.events.consumer import ConsumerSpec, EventConsumer, Handler
from inspraak_shared.events.relay import OutboxRelay
from inspraak_shared.messaging import NatsLink
from inspraak_shared.telemetry import Telemetry, configure_logging, setup_telemetry

logger = logging.getLogger("inspraak.service")

# A loop of the worker beside the relay and consumers (a scheduler, a mail sender); it
# runs until `runtime.stop` is set.
BackgroundLoop = Callable[["ServiceRuntime"], Awaitable[None]]


@dataclass(frozen=True)
class ServiceManifest:
    name: str
    title: str
    version: str
    settings_factory: Callable[[], ServiceSettings]
    migrations_dir: Path
    routers: Sequence[APIRouter] = ()
    consumers: Sequence[tuple[ConsumerSpec, Handler]] = ()
    background_loops: Sequence[BackgroundLoop] = ()
    description: str = ""


@dataclass
class ServiceRuntime:
    """The long-lived resources of one service process."""

    manifest: ServiceManifest
    settings: ServiceSettings
    telemetry: Telemetry
    engine: AsyncEngine
    session_factory: SessionFactory
    http: httpx.AsyncClient
    token_verifier: TokenVerifier
    nats: NatsLink
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        manifest: ServiceManifest,
        settings: ServiceSettings,
        telemetry: Telemetry | None = None,
    ) -> "ServiceRuntime":
        engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
        http = httpx.AsyncClient()
        verifier = TokenVerifier(
            JwksCache(http),
            keycloak_locator(
                {settings.issuer_base_url: settings.keycloak_url, **settings.keycloak_instances}
            ),
            settings.token_audience,
        )
        return cls(
            manifest=manifest,
            settings=settings,
            telemetry=telemetry
            or setup_telemetry(
                f"inspraak-{manifest.name}",
                sample_ratio=settings.trace_sample_ratio,
                otlp_endpoint=settings.otlp_endpoint,
            ),
            engine=engine,
            session_factory=create_session_factory(engine),
            http=http,
            token_verifier=verifier,
            nats=NatsLink(
                settings.nats_url, name=f"inspraak-{manifest.name}", service=manifest.name
            ),
        )

    def spawn(self, coroutine: Any, name: str) -> None:
        task = asyncio.create_task(coroutine, name=name)
        task.add_done_callback(_log_task_failure)
        self.tasks.append(task)

    async def start(self, *, with_worker: bool) -> None:
        self.spawn(self.nats.establish(self.stop), "nats-connect")
        if with_worker:
            self.spawn(self.run_worker_loops(), "worker")

    async def run_worker_loops(self) -> None:
        """The outbox relay, every consumer and the service's own loops, once NATS is ready."""
        await self.nats.ready.wait()
        tracer = self.telemetry.tracer(f"inspraak.{self.manifest.name}")
        relay = OutboxRelay(self.session_factory, self.nats.js, tracer=tracer)
        loops = [self._supervised("outbox-relay", partial(relay.run, self.stop))]
        for spec, handler in self.manifest.consumers:
            consumer = EventConsumer(
                spec, handler, self.session_factory, self.nats.js, tracer=tracer
            )
            loops.append(self._supervised(spec.durable, partial(consumer.run, self.stop)))
        for loop in self.manifest.background_loops:
            loops.append(self._supervised(_name_of(loop), partial(loop, self)))
        await asyncio.gather(*loops)

    async def _supervised(self, name: str, start: Callable[[], Awaitable[None]]) -> None:
        """Run a loop until `stop`; restart it with back-off if it crashes."""
        delay = 1.0
        while not self.stop.is_set():
            try:
                await start()
                return
            except Exception:
                logger.exception("%s crashed; restarting in %.0f s", name, delay)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stop.wait(), timeout=delay)
            delay = min(delay * 2, 30.0)

    async def close(self) -> None:
        self.stop.set()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=10)
        await self.nats.close()
        await self.http.aclose()
        await self.engine.dispose()
        self.telemetry.shutdown()


def _name_of(loop: object) -> str:
    return str(getattr(loop, "__name__", loop))


def _log_task_failure(task: asyncio.Task[Any]) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("background task %s failed", task.get_name(), exc_info=task.exception())


@contextlib.asynccontextmanager
async def running(runtime: ServiceRuntime, *, with_worker: bool) -> AsyncIterator[ServiceRuntime]:
    await runtime.start(with_worker=with_worker)
    try:
        yield runtime
    finally:
        await runtime.close()


def configure_process_logging(manifest: ServiceManifest, settings: ServiceSettings) -> None:
    configure_logging(
        f"inspraak-{manifest.name}", level=settings.log_level, json_lines=settings.log_json
    )
