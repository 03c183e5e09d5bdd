"""Consumers: idempotent under redelivery, retried with back-off, dead-lettered at the end."""

import asyncio
import secrets
from collections.abc import Awaitable, Callable

from nats.aio.client import Client
from sqlmodel import func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.db import SessionFactory
from inspraak_shared.events import (
    DEADLETTER_STREAM,
    CloudEvent,
    ConsumerSpec,
    EventConsumer,
    InboxMessage,
    new_event,
    stream_name,
)
from tests.support.tables import HandledNote


def _spec(service: str, **overrides) -> ConsumerSpec:
    values = {
        "durable": f"{service}-test-{secrets.token_hex(3)}",
        "stream": stream_name(service),
        "filter_subjects": [f"inspraak.*.{service}.>"],
        "max_deliver": 3,
        "backoff_seconds": (0.1, 0.2),
    }
    return ConsumerSpec(**(values | overrides))


def _recording_handler(spec: ConsumerSpec) -> Callable[[AsyncSession, CloudEvent], Awaitable[None]]:
    async def handle(session: AsyncSession, event: CloudEvent) -> None:
        session.add(HandledNote(consumer=spec.durable, event_id=event.id))

    return handle


async def _handled_count(session_factory: SessionFactory, consumer: str) -> int:
    async with session_factory() as session:
        query = (
            select(func.count()).select_from(HandledNote).where(HandledNote.consumer == consumer)
        )
        return (await session.exec(query)).one()


async def _run_until(
    consumer: EventConsumer, done: Callable[[], Awaitable[bool]], timeout: float = 15.0
) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    try:
        async with asyncio.timeout(timeout):
            while not await done():
                await asyncio.sleep(0.05)
    finally:
        stop.set()
        await task


async def _publish_raw(nats_client: Client, event: CloudEvent, msg_id: str) -> None:
    await nats_client.jetstream().publish(
        event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": msg_id}
    )


class TestIdempotentConsumer:
    async def test_same_event_delivered_twice_is_handled_once(
        self, session_factory: SessionFactory, nats_client: Client, service_name: str
    ):
        spec = _spec(service_name)
        consumer = EventConsumer(
            spec, _recording_handler(spec), session_factory, nats_client.jetstream()
        )
        event = new_event(
            tenant="gent", service=service_name, entity="note", verb="created", subject="1", data={}
        )
        await consumer.ensure()
        # Two stream messages carrying one event, as after a publish outside the dedupe window.
        await _publish_raw(nats_client, event, "copy-1")
        await _publish_raw(nats_client, event, "copy-2")

        async def both_acked() -> bool:
            info = await nats_client.jetstream().consumer_info(spec.stream, spec.durable)
            return info.ack_floor.stream_seq == 2 and info.num_ack_pending == 0

        await _run_until(consumer, both_acked)
        assert await _handled_count(session_factory, spec.durable) == 1
        async with session_factory() as session:
            inbox = await session.get(InboxMessage, (spec.durable, event.source, event.id))
        assert inbox is not None


class TestRetriesAndDeadLetters:
    async def test_handler_failing_once_succeeds_on_retry(
        self, session_factory: SessionFactory, nats_client: Client, service_name: str
    ):
        spec = _spec(service_name)
        attempts: list[int] = []
        record = _recording_handler(spec)

        async def flaky(session: AsyncSession, event: CloudEvent) -> None:
            attempts.append(1)
            await record(session, event)
            if len(attempts) == 1:
                raise RuntimeError("database hiccup")

        consumer = EventConsumer(spec, flaky, session_factory, nats_client.jetstream())
        event = new_event(
            tenant="gent", service=service_name, entity="note", verb="created", subject="2", data={}
        )
        await _publish_raw(nats_client, event, event.id)

        async def handled() -> bool:
            return await _handled_count(session_factory, spec.durable) == 1

        await _run_until(consumer, handled)
        assert len(attempts) == 2, "the failed try's write was rolled back, the retry's kept"

    async def test_failing_handler_ends_in_dead_letter_after_max_tries(
        self, session_factory: SessionFactory, nats_client: Client, service_name: str
    ):
        spec = _spec(service_name, max_deliver=3)
        attempts: list[int] = []

        async def broken(session: AsyncSession, event: CloudEvent) -> None:
            attempts.append(1)
            session.add(HandledNote(consumer=spec.durable, event_id=event.id))
            raise ValueError("template missing")

        js = nats_client.jetstream()
        deadletters = await js.subscribe(
            f"deadletter.{spec.durable}", stream=DEADLETTER_STREAM, ordered_consumer=True
        )
        consumer = EventConsumer(spec, broken, session_factory, js)
        event = new_event(
            tenant="gent",
            service=service_name,
            entity="note",
            verb="created",
            subject="3",
            data={"n": 3},
        )
        await _publish_raw(nats_client, event, event.id)

        async def dead_lettered() -> bool:
            return len(attempts) >= 3 and deadletters.pending_msgs > 0

        await _run_until(consumer, dead_lettered)
        message = await deadletters.next_msg(timeout=5)
        assert CloudEvent.from_json(message.data).id == event.id
        assert message.headers["Inspraak-Consumer"] == spec.durable
        assert "ValueError: template missing" in message.headers["Inspraak-Error"]
        assert message.headers["Inspraak-Deliveries"] == "3"
        assert len(attempts) == 3
        assert await _handled_count(session_factory, spec.durable) == 0
        async with session_factory() as session:
            assert await session.get(InboxMessage, (spec.durable, event.source, event.id)) is None

    async def test_malformed_event_goes_to_dead_letter_at_once(
        self, session_factory: SessionFactory, nats_client: Client, service_name: str
    ):
        spec = _spec(service_name)
        js = nats_client.jetstream()
        deadletters = await js.subscribe(
            f"deadletter.{spec.durable}", stream=DEADLETTER_STREAM, ordered_consumer=True
        )
        consumer = EventConsumer(spec, _recording_handler(spec), session_factory, js)
        await js.publish(f"inspraak.gent.{service_name}.note.created", b"{not json")

        async def dead_lettered() -> bool:
            return deadletters.pending_msgs > 0

        await _run_until(consumer, dead_lettered)
        message = await deadletters.next_msg(timeout=5)
        assert message.data == b"{not json"
        assert message.headers["Inspraak-Error"].startswith("malformed event")
