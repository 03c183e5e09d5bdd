"""Publishes outbox rows to JetStream, oldest first, each under its event id.

At-least-once by construction: a row is marked published only after JetStream acked
it. A relay that dies between the ack and the mark republishes the row on restart;
`Nats-Msg-Id` makes JetStream drop that second copy inside the duplicate window.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from nats.js import JetStreamContext
from nats.js.api import PubAck
from opentelemetry import trace
from opentelemetry.trace import SpanKind
from sqlalchemy import delete
from sqlmodel import col, select

from inspraak_shared.db import SessionFactory
from inspraak_shared.events.outbox import OutboxMessage
from inspraak_shared.telemetry import extract_trace_context, inject_trace_context

logger = logging.getLogger("inspraak.outbox")

AfterPublish = Callable[[OutboxMessage, PubAck], Awaitable[None]]
PUBLISHED_RETENTION = timedelta(days=7)


class OutboxRelay:
    def __init__(
        self,
        session_factory: SessionFactory,
        js: JetStreamContext,
        *,
        batch_size: int = 100,
        poll_interval: float = 0.1,
        tracer: trace.Tracer | None = None,
        after_publish: AfterPublish | None = None,
    ) -> None:
        self._session_factory = session_factory
        self._js = js
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._tracer = tracer or trace.get_tracer("inspraak.outbox")
        # A hook between JetStream's ack and the mark: where fault tests crash the relay.
        self._after_publish = after_publish
        self.duplicates_seen = 0

    async def publish_pending(self) -> int:
        """Publish one batch of unpublished rows; return how many were published."""
        async with self._session_factory() as session, session.begin():
            query = (
                select(OutboxMessage)
                .where(col(OutboxMessage.published_at).is_(None))
                .order_by(col(OutboxMessage.seq))
                .limit(self._batch_size)
                # Several relay replicas may run; each takes rows the others have not locked.
                .with_for_update(skip_locked=True)
            )
            rows = list((await session.exec(query)).all())
            published = 0
            for row in rows:
                try:
                    ack = await self._publish(row)
                except Exception as exc:  # noqa: BLE001 - kept on the row, retried next round
                    row.attempts += 1
                    row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                    logger.warning("outbox publish of %s failed: %s", row.event_id, exc)
                    break
                if self._after_publish is not None:
                    await self._after_publish(row, ack)
                row.published_at = datetime.now(UTC)
                published += 1
            return published

    async def _publish(self, row: OutboxMessage) -> PubAck:
        parent = extract_trace_context(row.headers)
        with self._tracer.start_as_current_span(
            f"publish {row.nats_subject}",
            context=parent,
            kind=SpanKind.PRODUCER,
            attributes={"messaging.system": "nats", "messaging.message.id": row.event_id},
        ):
            headers = {"Nats-Msg-Id": row.event_id}
            inject_trace_context(headers)
            ack = await self._js.publish(row.nats_subject, row.payload, headers=headers)
        if ack.duplicate:
            self.duplicates_seen += 1
            logger.info("event %s was already in the stream (de-duplicated)", row.event_id)
        return ack

    async def prune_published(self, older_than: timedelta = PUBLISHED_RETENTION) -> int:
        cutoff = datetime.now(UTC) - older_than
        async with self._session_factory() as session, session.begin():
            result = await session.exec(
                delete(OutboxMessage).where(  # type: ignore[call-overload]
                    col(OutboxMessage.published_at) < cutoff
                )
            )
            return int(result.rowcount or 0)

    async def run(self, stop: asyncio.Event) -> None:
        """Publish until `stop` is set; back off while NATS or the database is away."""
        failures = 0
        while not stop.is_set():
            try:
                published = await self.publish_pending()
                failures = 0
            except Exception:
                failures += 1
                logger.exception("outbox relay round failed")
                published = 0
            if published >= self._batch_size:
                continue
            delay = self._poll_interval if failures == 0 else min(5.0, 0.2 * 2**failures)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=delay)
