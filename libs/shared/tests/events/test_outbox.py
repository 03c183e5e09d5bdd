"""The transactional outbox: a change and its event commit together, and publish once."""

import asyncio
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from nats.aio.client import Client
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from inspraak_shared.db import SessionFactory
from inspraak_shared.events import OutboxMessage, OutboxRelay, enqueue, new_event, stream_name
from tests.support.tables import Note

RELAY_PROCESS = Path(__file__).with_name("relay_process.py")


def _note_event(service: str, key: str):
    return new_event(
        tenant="gent",
        service=service,
        entity="note",
        verb="created",
        subject=key,
        data={"key": key},
    )


async def _outbox_rows(session_factory: SessionFactory, event_id: str) -> list[OutboxMessage]:
    async with session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.event_id == event_id)
        return list((await session.exec(query)).all())


async def _notes(session_factory: SessionFactory, key: str) -> list[Note]:
    async with session_factory() as session:
        return list((await session.exec(select(Note).where(Note.key == key))).all())


class TestChangeAndEventShareOneTransaction:
    async def test_committed_change_has_its_event(
        self, session_factory: SessionFactory, service_name: str
    ):
        key = secrets.token_hex(6)
        event = _note_event(service_name, key)
        async with session_factory() as session:
            session.add(Note(key=key, body="x"))
            enqueue(session, event)
            await session.commit()
        assert len(await _notes(session_factory, key)) == 1
        rows = await _outbox_rows(session_factory, event.id)
        assert len(rows) == 1
        assert rows[0].published_at is None
        assert rows[0].nats_subject == f"inspraak.gent.{service_name}.note.created"

    async def test_rolled_back_change_leaves_no_event(
        self, session_factory: SessionFactory, service_name: str
    ):
        key = secrets.token_hex(6)
        event = _note_event(service_name, key)
        async with session_factory() as session:
            session.add(Note(key=key, body="x"))
            enqueue(session, event)
            await session.flush()
            await session.rollback()
        assert await _notes(session_factory, key) == []
        assert await _outbox_rows(session_factory, event.id) == []

    async def test_failed_change_writes_no_event(
        self, session_factory: SessionFactory, service_name: str
    ):
        key = secrets.token_hex(6)
        async with session_factory() as session:
            session.add(Note(key=key, body="first"))
            await session.commit()
        event = _note_event(service_name, key)
        async with session_factory() as session:
            enqueue(session, event)
            session.add(Note(key=key, body="duplicate key"))
            with pytest.raises(IntegrityError):
                await session.commit()
        assert await _outbox_rows(session_factory, event.id) == []
        assert [n.body for n in await _notes(session_factory, key)] == ["first"]


async def _publish_everything_pending(session_factory: SessionFactory, nats_client: Client) -> None:
    relay = OutboxRelay(session_factory, nats_client.jetstream())
    while await relay.publish_pending():
        pass


async def _stream_messages(nats_client: Client, service: str) -> int:
    info = await nats_client.jetstream().stream_info(stream_name(service))
    return info.state.messages


class TestRelay:
    async def test_publishes_pending_events_in_commit_order(
        self, session_factory: SessionFactory, nats_client: Client, service_name: str
    ):
        js = nats_client.jetstream()
        subscription = await js.subscribe(f"inspraak.*.{service_name}.>", ordered_consumer=True)
        events = [_note_event(service_name, f"k{i}") for i in range(5)]
        async with session_factory() as session:
            for event in events:
                enqueue(session, event)
            await session.commit()

        await _publish_everything_pending(session_factory, nats_client)

        received = [await subscription.next_msg(timeout=5) for _ in events]
        assert [m.headers["Nats-Msg-Id"] for m in received] == [e.id for e in events]
        for event in events:
            (row,) = await _outbox_rows(session_factory, event.id)
            assert row.published_at is not None
        assert await _stream_messages(nats_client, service_name) == 5

    async def test_relay_killed_between_publish_and_mark_publishes_exactly_once(
        self,
        shared_database_url: str,
        session_factory: SessionFactory,
        nats_client: Client,
        nats_url: str,
        service_name: str,
    ):
        await _publish_everything_pending(session_factory, nats_client)
        event = _note_event(service_name, "crash")
        async with session_factory() as session:
            enqueue(session, event)
            await session.commit()

        crashed = await _run_relay_process(shared_database_url, nats_url, event.id, crash=True)
        assert crashed.returncode == 17, crashed.stderr
        (row,) = await _outbox_rows(session_factory, event.id)
        assert row.published_at is None, "the crash came before the row was marked"
        assert await _stream_messages(nats_client, service_name) == 1

        restarted = await _run_relay_process(shared_database_url, nats_url, event.id, crash=False)
        assert restarted.returncode == 0, restarted.stderr
        assert "duplicates_seen=1" in restarted.stdout, "JetStream reported the duplicate"
        (row,) = await _outbox_rows(session_factory, event.id)
        assert row.published_at is not None
        assert await _stream_messages(nats_client, service_name) == 1


async def _run_relay_process(
    database_url: str, nats_url: str, event_id: str, *, crash: bool
) -> subprocess.CompletedProcess[str]:
    args = [sys.executable, str(RELAY_PROCESS), database_url, nats_url, event_id]
    if crash:
        args.append("--crash-after-publish")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    return await asyncio.to_thread(
        subprocess.run, args, capture_output=True, text=True, timeout=60, env=env
    )
