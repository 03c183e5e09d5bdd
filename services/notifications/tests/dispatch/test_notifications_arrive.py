"""Every notification type reaches its people by e-mail in nl, fr and en, and in their feed.

One municipality with, per language, a cast of people (moderators, a department head,
a follower, an author, a policy maker, an invitee); the other services' events are
published on the real JetStream and the mail is read from the real mail catcher.
"""

import asyncio
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.handlers import route
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.models import MailMessage
from inspraak_notifications.preferences.models import NotificationPreference
from sqlmodel import col, select

from inspraak_shared.events import InboxMessage
from tests.support import events as ev
from tests.support.mail import header, mails_to, wait_for_mail
from tests.support.service import eventually
from tests.support.town import EXPECTED, LANGUAGES


class TestEveryTypeArrives:
    @pytest.mark.parametrize("language", LANGUAGES)
    async def test_every_type_arrives_in_the_recipients_language(self, town, mailbox, language):
        cast = town.cast

        async def arrived(kind: T) -> dict:
            address = cast.email(EXPECTED[kind], language)
            return await wait_for_mail(
                mailbox, address, lambda m: header(m, "X-Inspraak-Notification") == kind, timeout=45
            )

        mails = dict(
            zip(EXPECTED, await asyncio.gather(*(arrived(k) for k in EXPECTED)), strict=True)
        )
        for kind, mail in mails.items():
            assert header(mail, "Content-Language") == language, kind
            assert mail["text"], kind
            assert mail["html"], kind
            assert "Gemeente Testdorp" in mail["text"], kind
        assert "We planten er 40." in mails[T.OFFICIAL_RESPONSE]["text"]
        assert f"Park {language} ({language})" in mails[T.NEW_INPUT]["subject"]
        assert f"Meer bomen {language}" in mails[T.MODERATOR_DIGEST]["text"]
        assert mails[T.INVITATION]["rcpt_tos"] == [cast.email("invitee", language)]
        assert "/invitations/" in mails[T.INVITATION]["text"]

    async def test_a_policy_update_at_launch_goes_out_by_itself_in_the_senders_name(
        self, town, mailbox
    ):
        cast = town.cast
        mail = await wait_for_mail(
            mailbox,
            cast.email("pm", "fr"),
            lambda m: header(m, "X-Inspraak-Notification") == T.POLICY_UPDATE,
        )
        # The longest-serving superadmin signs it: the nl cast's, granted first.
        assert mail["from"].startswith(f'"{cast.name("sup", "nl")} (Gemeente Testdorp)"')
        assert header(mail, "Reply-To") == cast.email("sup", "nl")
        assert mail["subject"].startswith("Aperçu au lancement")

    async def test_nobody_is_told_about_their_own_action(self, town, mailbox, sessions):
        cast = town.cast
        await wait_for_mail(
            mailbox,
            cast.email("fol", "en"),
            lambda m: header(m, "X-Inspraak-Notification") == T.UPDATE_POSTED,
        )
        async with sessions() as session:
            rows = (await session.exec(select(MailMessage).where(MailMessage.user_id == cast.id("mod", "en"), MailMessage.kind == T.UPDATE_POSTED))).all()  # fmt: skip
        assert rows == []


class TestUnsubscribe:
    async def test_mandatory_mail_has_no_unsubscribe_header_and_others_do(self, town, mailbox):
        cast = town.cast
        invitation = await wait_for_mail(mailbox, cast.email("invitee", "nl"))
        assert header(invitation, "List-Unsubscribe") is None
        notice = await wait_for_mail(mailbox, cast.email("fol", "nl"))
        assert header(notice, "List-Unsubscribe").startswith("<https://")
        assert header(notice, "List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"

    async def test_one_click_unsubscribe_stops_that_type_only(
        self, town, mailbox, sessions, publisher
    ):
        cast, realm, service = town.cast, town.realm, town.service
        mail = await wait_for_mail(
            mailbox,
            cast.email("mod", "fr"),
            lambda m: header(m, "X-Inspraak-Notification") == T.NEW_INPUT,
        )
        link = urlsplit(header(mail, "List-Unsubscribe").strip("<>"))
        assert link.netloc == f"{realm.name}.inspraak.example"
        # The public path the gateway routes to this service's `/v1/unsubscribe`.
        assert link.path == "/api/v1/notifications/unsubscribe"
        path = "/v1/unsubscribe?" + link.query
        tenant = {"X-Inspraak-Tenant": realm.name}
        page = await service.client.get(path, headers=tenant)
        assert page.status_code == 200
        assert "Se désabonner" in page.text
        assert await _email_enabled(sessions, realm.name, cast.id("mod", "fr"), T.NEW_INPUT) is True
        done = await service.client.post(
            path,
            headers=tenant,
            content=b"List-Unsubscribe=One-Click",
        )
        assert done.status_code == 200, done.text
        assert (
            await _email_enabled(sessions, realm.name, cast.id("mod", "fr"), T.NEW_INPUT) is False
        )

        second = ev.input_snapshot(
            realm.name, "created", ev.new_id(), project_id=cast.projects["fr"],
            author_id=cast.id("author", "fr"), author=cast.name("author", "fr"),
            title="Un banc", version=1, created_at=datetime.now(UTC),
        )  # fmt: skip
        report = ev.item_reported(realm.name, cast.projects["fr"], "hors sujet")
        await publisher.all(second, report)
        await wait_for_mail(
            mailbox, cast.email("mod", "fr"), lambda m: "hors sujet" in (m["text"] or "")
        )
        async with sessions() as session:
            feed = (await session.exec(select(FeedItem).where(FeedItem.user_id == cast.id("mod", "fr"), FeedItem.dedupe_key.startswith(second.id)))).all()  # fmt: skip
            mails = (await session.exec(select(MailMessage).where(MailMessage.dedupe_key.startswith(second.id), MailMessage.user_id == cast.id("mod", "fr")))).all()  # fmt: skip
        assert len(feed) == 1, "still in the feed"
        assert mails == [], "but no longer by e-mail"

    async def test_a_forged_or_foreign_link_is_unknown(self, town):
        realm, service = town.realm, town.service
        forged = await service.client.post(
            "/v1/unsubscribe?token=eyJ0IjoiYSJ9.bad-signature",
            headers={"X-Inspraak-Tenant": realm.name},
        )
        assert forged.status_code == 404
        assert forged.headers["content-type"] == "application/problem+json"


async def _email_enabled(sessions, tenant: str, user_id: str, kind: T) -> bool:
    async with sessions() as session:
        row = await session.get(NotificationPreference, (tenant, user_id, kind))
        return True if row is None else row.email


class TestOnce:
    async def test_the_same_event_delivered_twice_gives_one_mail(
        self, town, mailbox, publisher, sessions
    ):
        cast, realm = town.cast, town.realm
        report = ev.item_reported(realm.name, cast.projects["en"], "double trouble")
        await publisher.publish(report)
        # Past JetStream's de-duplication: the same CloudEvent again, as a redelivery would be.
        await publisher.publish(report, msg_id=f"{report.id}-again")

        async def both_seen() -> bool:
            async with sessions() as session:
                seen = (await session.exec(select(InboxMessage).where(InboxMessage.event_id == report.id))).all()  # fmt: skip
            return len(seen) == 1

        await wait_for_mail(
            mailbox, cast.email("mod", "en"), lambda m: "double trouble" in (m["text"] or "")
        )
        await eventually(both_seen)
        marker = ev.item_reported(realm.name, cast.projects["en"], "marker after")
        await publisher.publish(marker)
        await wait_for_mail(
            mailbox, cast.email("mod", "en"), lambda m: "marker after" in (m["text"] or "")
        )
        doubles = [
            m
            for m in await mails_to(mailbox, cast.email("mod", "en"))
            if "double trouble" in (m["text"] or "")
        ]
        assert len(doubles) == 1

    async def test_a_handler_run_twice_records_one_feed_item_and_one_mail(self, town, sessions):
        cast, realm = town.cast, town.realm
        report = ev.item_reported(realm.name, cast.projects["nl"], "twice by hand")
        for _ in range(2):
            async with sessions() as session:
                await route(session, report)
                await session.commit()
        async with sessions() as session:
            feed = (await session.exec(select(FeedItem).where(col(FeedItem.dedupe_key).startswith(report.id)))).all()  # fmt: skip
            mails = (await session.exec(select(MailMessage).where(col(MailMessage.dedupe_key).startswith(report.id)))).all()  # fmt: skip
        assert len(feed) == 2  # the two moderators of the project, once each
        assert len(mails) == 2


class TestContactChanges:
    async def test_mail_goes_to_the_newest_address_in_the_newest_language(
        self, town, mailbox, publisher, run_id
    ):
        cast, tenant = town.cast, town.realm.name
        moved = f"moved-{run_id}@example.org"
        await publisher.publish(
            ev.event(tenant, "identity", "user", "contact_changed", cast.id("fol", "en"), {
                "user_id": cast.id("fol", "en"), "username": cast.name("fol", "en"), "email": moved, "language": "fr",
            })
        )  # fmt: skip
        await eventually(lambda: _address_is(town, cast.id("fol", "en"), moved))
        await publisher.publish(ev.update_posted(tenant, cast.projects["en"], title="Nouvelles", body="Lundi.", poster=cast.id("mod", "en")))  # fmt: skip
        mail = await wait_for_mail(
            mailbox, moved, lambda m: header(m, "X-Inspraak-Notification") == T.UPDATE_POSTED
        )
        assert header(mail, "Content-Language") == "fr"
        assert mail["subject"].strip() == "Nouvelles de Park en (fr)\u202f: Nouvelles"
        # The update's HTML paragraphs arrive as words, not as tags.
        assert "> Lundi." in mail["text"]
        assert "<p>" not in mail["text"]
        assert "&lt;p&gt;" not in mail["html"]


async def _address_is(town, user_id: str, address: str) -> bool:
    from inspraak_notifications.directory.models import Person

    async with town.app.state.session_factory() as session:
        person = await session.get(Person, (town.realm.name, user_id))
        return person is not None and person.email == address
