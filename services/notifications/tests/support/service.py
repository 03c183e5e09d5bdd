"""Running the service in the test's event loop: its own consumers, settings and clock."""

import asyncio
import contextlib
import dataclasses
import secrets
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.handlers import SOURCES, consumers
from inspraak_notifications.main import create_app
from inspraak_notifications.manifest import MANIFEST
from nats.js import JetStreamContext

from inspraak_shared.config import Environment
from inspraak_shared.events import stream_name


class ShiftedClock:
    """Real time plus an offset the test sets: time runs, and jumps when told to."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def set(self, moment: datetime) -> None:
        self.offset = moment - datetime.now(UTC)


def test_settings(
    database_url: str, nats_url: str, keycloak_url: str, **values: Any
) -> NotificationsSettings:
    defaults: dict[str, Any] = {
        "environment": Environment.TEST,
        "database_url": database_url,
        "nats_url": nats_url,
        "keycloak_url": keycloak_url,
        "delivery_poll_seconds": 0.2,
        "delivery_backoff_seconds": (0.5, 1.0, 1.0),
        "delivery_max_attempts": 30,
        "scheduler_interval_seconds": 0.3,
        "unsubscribe_secret": "a-test-secret-of-our-own",
        "log_json": True,
    }
    return NotificationsSettings(**(defaults | values))


@dataclass
class Service:
    client: httpx.AsyncClient
    app: FastAPI
    durable_prefix: str


def durable_prefix() -> str:
    return f"ntest-{secrets.token_hex(4)}"


@contextlib.asynccontextmanager
async def running_service(
    settings: NotificationsSettings,
    *,
    clock: Any,
    tenants: Sequence[str],
    prefix: str | None = None,
) -> AsyncIterator[Service]:
    """The app with the embedded worker, consuming only the given tenants' events."""
    prefix = prefix or durable_prefix()
    manifest = dataclasses.replace(
        MANIFEST, consumers=consumers(durable_prefix=prefix, tenants=tenants)
    )
    app = create_app(settings, clock=clock, manifest=manifest)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            async with asyncio.timeout(20):
                while (await client.get("/readyz")).status_code != 200:
                    await asyncio.sleep(0.1)
            yield Service(client, app, prefix)


async def delete_consumers(js: JetStreamContext, prefix: str) -> None:
    """Durables of a test run are not needed again: leave NATS as we found it."""
    for source in SOURCES:
        with contextlib.suppress(Exception):
            await js.delete_consumer(stream_name(source), f"{prefix}-{source}")


async def eventually(check: Any, *, timeout: float = 15.0, interval: float = 0.2) -> Any:
    """Await `check()` until it returns something truthy (or raise its last AssertionError)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            result = await check()
            if result:
                return result
            last: Exception = AssertionError(f"still {result!r}")
        except AssertionError as exc:
            last = exc
        if asyncio.get_running_loop().time() > deadline:
            raise last
        await asyncio.sleep(interval)
