"""Durable pull consumers with an idempotency inbox, bounded retries and a dead-letter subject.

A handler runs inside one database transaction together with the inbox row that
records the event as handled; only after that commits is the message acked. A
redelivered event finds its inbox row and is acked without running the handler again.
A failing handler is retried with back-off; after `max_deliver` tries the event goes to
`deadletter.<consumer>` with the error, and is terminated in its stream.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry import trace
from opentelemetry.trace import SpanKind, StatusCode
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.db import SessionFactory
from inspraak_shared.events.envelope import CloudEvent
from inspraak_shared.events.outbox import InboxMessage
from inspraak_shared.events.streams import deadletter_subject
from inspraak_shared.telemetry import extract_trace_context, inject_trace_context

logger = logging.getLogger("inspraak.consumer")

Handler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]


@dataclass(frozen=True)
class ConsumerSpec:
    """What a service consumes: `durable` is named `<service>-<purpose>`."""

    durable: str
    stream: str
    filter_subjects: Sequence[str]
    max_deliver: int = 5
    backoff_seconds: Sequence[float] = field(default=(1.0, 5.0, 30.0, 120.0))
    ack_wait_seconds: float = 30.0


class EventConsumer:
    def __init__(
        self,
        spec: ConsumerSpec,
        handler: Handler,
        session_factory: SessionFactory,
        js: JetStreamContext,
        *,
        tracer: trace.Tracer | None = None,
        batch_size: int = 20,
    ) -> None:
        self.spec = spec
        self._handler = handler
        self._session_factory = session_factory
        self._js = js
        self._tracer = tracer or trace.get_tracer("inspraak.consumer")
        self._batch_size = batch_size

    async def ensure(self) -> None:
        """Create or update the durable consumer; safe to call at every start."""
        config = ConsumerConfig(
            durable_name=self.spec.durable,
            ack_policy=AckPolicy.EXPLICIT,
            deliver_policy=DeliverPolicy.ALL,
            max_deliver=self.spec.max_deliver,
            ack_wait=self.spec.ack_wait_seconds,
            filter_subjects=list(self.spec.filter_subjects),
        )
        await self._js.add_consumer(self.spec.stream, config)

    async def _ensure_until_ready(self, stop: asyncio.Event) -> bool:
        """Wait for the stream: the owning service creates it when it first starts."""
        delay = 0.5
        while not stop.is_set():
            try:
                await self.ensure()
                return True
            except Exception as exc:  # noqa: BLE001 - logged and retried
                logger.warning(
                    "consumer %s not ready on %s (%s); retrying",
                    self.spec.durable,
                    self.spec.stream,
                    exc,
                )
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=delay)
                delay = min(delay * 2, 10.0)
        return False

    async def run(self, stop: asyncio.Event) -> None:
        if not await self._ensure_until_ready(stop):
            return
        subscription = await self._js.pull_subscribe_bind(
            durable=self.spec.durable, stream=self.spec.stream
        )
        while not stop.is_set():
            try:
                messages = await subscription.fetch(self._batch_size, timeout=1.0)
            except (NatsTimeoutError, TimeoutError):
                # nats-py raises either, depending on where the wait was cut short.
                continue
            except Exception:
                logger.exception("fetch for %s failed", self.spec.durable)
                await asyncio.sleep(1.0)
                continue
            for message in messages:
                try:
                    await self.process(message)
                except Exception:
                    # A nak or dead-letter publish that failed (NATS away): the message is
                    # redelivered after ack_wait, and the inbox makes that harmless.
                    logger.exception("%s could not settle %s", self.spec.durable, message.subject)

    async def process(self, message: Msg) -> None:
        try:
            event = CloudEvent.from_json(message.data)
        except ValidationError as exc:
            # Retrying cannot fix a malformed event: dead-letter it at once.
            await self._dead_letter(message, f"malformed event: {exc.error_count()} errors")
            return
        parent = extract_trace_context(message.headers)
        with self._tracer.start_as_current_span(
            f"consume {message.subject}",
            context=parent,
            kind=SpanKind.CONSUMER,
            attributes={
                "messaging.system": "nats",
                "messaging.consumer.group.name": self.spec.durable,
                "messaging.message.id": event.id,
            },
        ) as span:
            try:
                await self._handle_once(event)
            except Exception as exc:  # noqa: BLE001 - any handler failure is retried
                span.record_exception(exc)
                span.set_status(StatusCode.ERROR)
                await self._retry_or_dead_letter(message, exc)
                return
        try:
            await message.ack_sync()
        except Exception as exc:  # noqa: BLE001 - the effect is committed; redelivery is a no-op
            logger.warning(
                "%s: ack of %s not confirmed (%s); a redelivery will be skipped",
                self.spec.durable,
                event.id,
                exc,
            )

    async def _handle_once(self, event: CloudEvent) -> None:
        async with self._session_factory() as session:
            if await session.get(InboxMessage, (self.spec.durable, event.source, event.id)):
                return
            session.add(
                InboxMessage(
                    consumer=self.spec.durable,
                    source=event.source,
                    event_id=event.id,
                    event_type=event.type,
                )
            )
            try:
                await session.flush()
            except IntegrityError:
                # Another replica handled it a moment ago.
                await session.rollback()
                return
            await self._handler(session, event)
            await session.commit()

    async def _retry_or_dead_letter(self, message: Msg, error: Exception) -> None:
        delivered = message.metadata.num_delivered
        reason = f"{type(error).__name__}: {error}"
        if delivered >= self.spec.max_deliver:
            logger.error(
                "%s gives up on %s after %d tries: %s",
                self.spec.durable,
                message.subject,
                delivered,
                reason,
            )
            await self._dead_letter(message, reason)
            return
        backoff = self.spec.backoff_seconds
        delay = backoff[min(delivered - 1, len(backoff) - 1)] if backoff else 0
        logger.warning(
            "%s will retry %s in %.1fs (try %d of %d): %s",
            self.spec.durable,
            message.subject,
            delay,
            delivered,
            self.spec.max_deliver,
            reason,
        )
        await message.nak(delay=delay)

    async def _dead_letter(self, message: Msg, reason: str) -> None:
        headers = {
            "Inspraak-Original-Subject": message.subject,
            "Inspraak-Consumer": self.spec.durable,
            "Inspraak-Error": reason[:500],
            "Inspraak-Deliveries": str(message.metadata.num_delivered),
        }
        original_id = (message.headers or {}).get("Nats-Msg-Id")
        if original_id:
            headers["Nats-Msg-Id"] = f"{self.spec.durable}:{original_id}"
        inject_trace_context(headers)
        await self._js.publish(deadletter_subject(self.spec.durable), message.data, headers=headers)
        await message.term()
