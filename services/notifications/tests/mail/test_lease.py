"""The delivery lease on real PostgreSQL: a slow but live round is never taken over (no mail
twice), and the claims of a round that died are sent by another within one short lease."""

import asyncio
import secrets
import time
from datetime import UTC, datetime, timedelta

import pytest
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail import repository
from inspraak_notifications.mail.delivery import MailDelivery
from inspraak_notifications.mail.models import MailMessage, MailStatus
from sqlmodel import col, select

from inspraak_shared.db import create_engine, create_session_factory
from tests.support.smtp import SmtpServer, free_port

LEASE = 1.5  # seconds: short, so the test sees it lapse
SLOW = 0.6  # seconds the slow server takes per message
BATCH = 6  # a slow round of BATCH * SLOW seconds outlasts the lease twice over


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@pytest.fixture(scope="module")
async def outbox(migrated_database):
    """A database of its own: no other module's delivery loop claims these rows."""
    engine = create_engine(await migrated_database("ntflease"), pool_size=4)
    yield create_session_factory(engine)
    await engine.dispose()


@pytest.fixture
async def slow_server():
    server = SmtpServer(free_port(), delay=SLOW)
    await asyncio.to_thread(server.start)
    yield server
    await asyncio.to_thread(server.stop)


def _settings(settings_factory, server: SmtpServer) -> NotificationsSettings:
    return settings_factory(
        "postgresql+asyncpg://unused/unused",  # the delivery gets its sessions from the test
        smtp_host="127.0.0.1",
        smtp_port=server.port,
        smtp_timeout_seconds=5.0,
        delivery_lease_seconds=LEASE,
        delivery_batch_size=20,
    )


async def _queue(outbox, count: int) -> tuple[str, list[str]]:
    tenant = f"ntl-{secrets.token_hex(4)}"
    addresses = [f"lease-{i}-{secrets.token_hex(3)}@example.org" for i in range(count)]
    async with outbox() as session:
        for address in addresses:
            session.add(
                MailMessage(
                    tenant=tenant,
                    kind=T.INVITATION,
                    to_address=address,
                    language="nl",
                    params={"url": "https://example.org/accept?token=t", "inviter": "beheer"},
                    dedupe_key=address,
                )
            )
        await session.commit()
    return tenant, addresses


async def _statuses(outbox, tenant: str) -> list[str]:
    async with outbox() as session:
        query = select(MailMessage.status).where(col(MailMessage.tenant) == tenant)
        return sorted((await session.exec(query)).all())


class TestDeliveryLease:
    async def test_a_slow_live_round_keeps_its_claims_and_nothing_goes_out_twice(
        self, outbox, slow_server, settings_factory
    ):
        tenant, addresses = await _queue(outbox, BATCH)
        settings = _settings(settings_factory, slow_server)
        first, second = (MailDelivery(outbox, settings, _Clock()) for _ in range(2))
        slow_round = asyncio.create_task(first.deliver_once())
        while await _statuses(outbox, tenant) != ["sending"] * BATCH:
            await asyncio.sleep(0.05)  # the slow round claims them all first
        # Meanwhile another replica polls, well past the lease, while the round is alive.
        deadline = time.monotonic() + BATCH * SLOW + LEASE
        while not slow_round.done() and time.monotonic() < deadline:
            await second.deliver_once()
            await asyncio.sleep(0.2)
        assert await slow_round == BATCH
        assert [len(slow_server.to(a)) for a in addresses] == [1] * BATCH
        assert await _statuses(outbox, tenant) == ["sent"] * BATCH

    async def test_the_claims_of_a_round_that_died_are_sent_within_one_lease(
        self, outbox, slow_server, settings_factory
    ):
        tenant, addresses = await _queue(outbox, 2)
        async with outbox() as session:
            # A round claims the rows and its process dies before any SMTP call.
            await repository.claim_due(
                session,
                datetime.now(UTC),
                limit=20,
                lease=timedelta(seconds=LEASE),
                token="a-round-that-died",
            )
            await session.commit()
        assert await _statuses(outbox, tenant) == ["sending", "sending"]
        survivor = MailDelivery(outbox, _settings(settings_factory, slow_server), _Clock())
        began = time.monotonic()
        while await _statuses(outbox, tenant) != ["sent", "sent"]:
            assert time.monotonic() - began < LEASE + 2 * SLOW + 3, "the claims were not taken over"
            await survivor.deliver_once()
            await asyncio.sleep(0.1)
        assert time.monotonic() - began >= LEASE * 0.9  # not before the lease lapsed
        assert [len(slow_server.to(a)) for a in addresses] == [1, 1]

    def test_by_default_a_dead_rounds_claims_lapse_within_half_a_minute(self):
        lease = NotificationsSettings.model_fields["delivery_lease_seconds"].default
        assert lease <= 30
        # A live round renews every third of the lease: one slow SMTP message fits well.
        smtp_timeout = NotificationsSettings.model_fields["smtp_timeout_seconds"].default
        assert lease / 3 < smtp_timeout < lease

    async def test_a_row_taken_over_is_recorded_by_its_new_owner_only(self, outbox):
        tenant, _ = await _queue(outbox, 1)
        async with outbox() as session:
            (row,) = [
                r
                for r in await repository.claim_due(
                    session, datetime.now(UTC), limit=20, lease=_lapsed(), token="old"
                )
                if r.tenant == tenant
            ]
            await session.commit()
        async with outbox() as session:
            (taken,) = [
                r
                for r in await repository.claim_due(
                    session, datetime.now(UTC), limit=20, lease=_lapsed(), token="new"
                )
                if r.tenant == tenant
            ]
            await session.commit()
        assert taken.id == row.id
        async with outbox() as session:
            assert await repository.claimed(session, row.id, "old") is None
            assert await repository.renew(session, "old", datetime.now(UTC)) == 0
            assert (await repository.claimed(session, row.id, "new")) is not None
            await session.rollback()
        assert await _statuses(outbox, tenant) == [MailStatus.SENDING]


def _lapsed() -> timedelta:
    """A negative lease: every `sending` row counts as lapsed (a dead round's)."""
    return timedelta(seconds=-1)
