"""Delivery is reliable: recorded before SMTP, retried while SMTP is down, sent once when up;
a permanently refused address is suppressed and reported to the superadmins."""

import asyncio
import secrets
from datetime import UTC, datetime

import pytest
from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.models import MailMessage, MailStatus, SuppressedAddress
from sqlmodel import col, select

from inspraak_shared.db import create_engine, create_session_factory
from tests.support import events as ev
from tests.support.service import delete_consumers, eventually, running_service
from tests.support.smtp import SmtpServer, free_port

ADMINS = {"nl": "beheer", "fr": "gestion", "en": "admin"}


@pytest.fixture(scope="module")
async def post(migrated_database, settings_factory, js, publisher, run_id):
    """A municipality whose mail goes through an SMTP server the test controls."""
    database_url = await migrated_database("ntfsmtp")
    server = SmtpServer(free_port())
    tenant = f"ntfs-{run_id}"
    settings = settings_factory(database_url, smtp_host="127.0.0.1", smtp_port=server.port)
    engine = create_engine(database_url, pool_size=2)
    sessions = create_session_factory(engine)
    async with running_service(settings, clock=_Clock(), tenants=[tenant]) as service:
        await publisher.publish(ev.tenant_applied(tenant, display_name="Postdorp"))
        for language, name in ADMINS.items():
            user_id = ev.new_id()
            await publisher.all(
                ev.user_registered(
                    tenant, user_id, f"{name}{run_id}", _address(name, run_id), language
                ),
                ev.role_granted(tenant, user_id, f"{name}{run_id}", "superadmin"),
            )
        yield tenant, server, sessions, publisher
        await asyncio.to_thread(server.stop)
    await delete_consumers(js, service.durable_prefix)
    await engine.dispose()


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


def _address(name: str, run_id: str) -> str:
    return f"{name}-{run_id}@example.org"


async def _row(sessions, address: str) -> MailMessage | None:
    async with sessions() as session:
        query = select(MailMessage).where(MailMessage.to_address == address)
        return (await session.exec(query)).first()


class TestWhileSmtpIsDown:
    async def test_mail_is_retried_and_delivered_once_smtp_is_up(self, post, run_id):
        tenant, server, sessions, publisher = post
        invitee = f"later-{run_id}@example.org"
        await publisher.publish(
            ev.invitation_created(tenant, invitee, "nl", inviter="beheer", message="Kom erbij")
        )

        async def retried() -> MailMessage | None:
            row = await _row(sessions, invitee)
            return (
                row
                if row is not None and row.status == MailStatus.RETRY and row.attempts >= 2
                else None
            )

        waiting = await eventually(retried)
        assert "ConnectionRefusedError" in (waiting.last_error or "")
        assert server.to(invitee) == []

        await asyncio.to_thread(server.start)

        async def sent() -> MailMessage | None:
            row = await _row(sessions, invitee)
            return row if row is not None and row.status == MailStatus.SENT else None

        delivered = await eventually(sent)
        assert delivered.sent_at is not None
        await asyncio.sleep(1.5)  # a few more delivery rounds: nothing goes out again
        assert len(server.to(invitee)) == 1
        assert server.to(invitee)[0]["X-Inspraak-Notification"] == T.INVITATION


class TestPermanentRefusal:
    async def test_a_refused_address_is_suppressed_and_reported_in_each_admins_language(
        self, post, run_id
    ):
        tenant, server, sessions, publisher = post
        if not server._controller:
            await asyncio.to_thread(server.start)
        bounced = f"bounce-{secrets.token_hex(3)}-{run_id}@example.org"
        await publisher.publish(
            ev.invitation_created(tenant, bounced, "nl", inviter="beheer", message="Hallo")
        )

        async def refused() -> MailMessage | None:
            row = await _row(sessions, bounced)
            return row if row is not None and row.status == MailStatus.BOUNCED else None

        row = await eventually(refused)
        assert row.attempts == 1, "a permanent refusal is not retried"
        assert "550" in (row.last_error or "")
        async with sessions() as session:
            assert await session.get(SuppressedAddress, (tenant, bounced)) is not None

        reports = {}
        for language, name in ADMINS.items():
            address = _address(name, run_id)

            async def reported(address: str = address) -> list:
                return [
                    m
                    for m in server.to(address)
                    if m["X-Inspraak-Notification"] == T.DELIVERY_FAILED
                ]

            reports[language] = (await eventually(reported))[0]
        # (A long subject is folded after "Subject:"; unfolded it keeps a leading space.)
        assert (
            reports["nl"]["Subject"].strip() == f"E-mail kan niet worden afgeleverd aan {bounced}"
        )
        assert reports["fr"]["Subject"].strip() == f"E-mail impossible à délivrer à {bounced}"
        assert reports["en"]["Subject"].strip() == f"E-mail cannot be delivered to {bounced}"
        for language, report in reports.items():
            assert report["Content-Language"] == language
            assert report["List-Unsubscribe"] is None, "a service message cannot be unsubscribed"
        async with sessions() as session:
            feed = (await session.exec(select(FeedItem).where(FeedItem.kind == T.DELIVERY_FAILED, FeedItem.tenant == tenant))).all()  # fmt: skip
        assert len(feed) == 3

    async def test_a_suppressed_address_is_not_tried_again(self, post, run_id):
        tenant, server, sessions, publisher = post
        if not server._controller:
            await asyncio.to_thread(server.start)
        bounced = f"bounce-again-{run_id}@example.org"
        first = ev.invitation_created(tenant, bounced, "en", inviter="beheer", message="1")
        second = ev.invitation_created(tenant, bounced, "en", inviter="beheer", message="2")
        await publisher.publish(first)

        async def statuses() -> list[str]:
            async with sessions() as session:
                query = select(MailMessage.status).where(MailMessage.to_address == bounced).order_by(col(MailMessage.created_at))  # fmt: skip
                found = list((await session.exec(query)).all())
            return found if MailStatus.BOUNCED in found else []

        await eventually(statuses)
        await publisher.publish(second)

        async def both() -> list[str]:
            found = await statuses()
            return found if len(found) == 2 and MailStatus.SUPPRESSED in found else []

        assert sorted(await eventually(both)) == [MailStatus.BOUNCED, MailStatus.SUPPRESSED]
