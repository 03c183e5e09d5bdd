"""The NATS connection of a service process: reconnects forever, never blocks start-up."""

import asyncio
import contextlib
import logging

import nats
from nats.aio.client import Client
from nats.js import JetStreamContext

from inspraak_shared.events.streams import ensure_deadletter_stream, ensure_service_stream

logger = logging.getLogger("inspraak.nats")


async def connect(url: str, *, name: str) -> Client:
    return await nats.connect(
        servers=[url],
        name=name,
        connect_timeout=2,
        allow_reconnect=True,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
    )


class NatsLink:
    """Holds the connection once it exists; `ready` is set when streams are in place."""

    def __init__(self, url: str, *, name: str, service: str) -> None:
        self._url = url
        self._name = name
        self._service = service
        self.client: Client | None = None
        self.ready = asyncio.Event()

    @property
    def js(self) -> JetStreamContext:
        if self.client is None:
            raise RuntimeError("NATS is not connected yet")
        return self.client.jetstream()

    @property
    def connected(self) -> bool:
        return self.client is not None and self.client.is_connected

    async def establish(self, stop: asyncio.Event) -> None:
        """Connect (retrying until `stop`), then create this service's streams."""
        delay = 0.5
        while not stop.is_set() and self.client is None:
            try:
                self.client = await connect(self._url, name=self._name)
            except Exception as exc:  # noqa: BLE001 - logged and retried
                logger.warning("NATS at %s not reachable (%s); retrying", self._url, exc)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)
        if self.client is None:
            return
        js = self.client.jetstream()
        await ensure_service_stream(js, self._service)
        await ensure_deadletter_stream(js)
        self.ready.set()

    async def close(self) -> None:
        # Workers have stopped and ack synchronously, so nothing is in flight: flush and
        # close. (drain() would wait out its timeout on idle pull subscriptions.)
        if self.client is not None and not self.client.is_closed:
            with contextlib.suppress(Exception):
                await self.client.flush(timeout=2)
            await self.client.close()
