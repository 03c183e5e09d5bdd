"""`identity.user.erased` removes the person's notifications data and their name from others';
`identity.tenant.deleted` removes a municipality's rows."""

from inspraak_notifications.activity.models import InputFact
from inspraak_notifications.directory.models import Person, TenantInfo
from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.models import MailMessage
from inspraak_notifications.preferences.models import NotificationPreference
from sqlmodel import func, select

from tests.support import events as ev
from tests.support.service import eventually


async def _gone(sessions, model, *conditions) -> bool:
    async with sessions() as session:
        return (
            await session.exec(select(func.count()).select_from(model).where(*conditions))
        ).one() == 0


class TestErasure:
    async def test_an_erased_person_leaves_no_notifications_data(self, town, publisher, sessions):
        cast, tenant = town.cast, town.realm.name
        erased = cast.id("author", "en")
        # Their input's notification to the moderator exists before.
        async with sessions() as session:
            about = (
                await session.exec(select(FeedItem).where(FeedItem.actor_user_id == erased))
            ).all()
        assert about
        assert any(item.params.get("author") for item in about)

        await publisher.publish(ev.user_erased(tenant, erased))
        await eventually(
            lambda: _gone(sessions, Person, Person.tenant == tenant, Person.user_id == erased)
        )

        assert await _gone(sessions, FeedItem, FeedItem.user_id == erased)
        assert await _gone(
            sessions, NotificationPreference, NotificationPreference.user_id == erased
        )
        assert await _gone(sessions, MailMessage, MailMessage.user_id == erased)
        assert await _gone(
            sessions, MailMessage, MailMessage.to_address == cast.email("author", "en")
        )
        async with sessions() as session:
            scrubbed = [await session.get(FeedItem, item.id) for item in about]
            fact = await session.get(InputFact, (tenant, cast.inputs["en"]))
        assert all(
            item is not None and "author" not in item.params and item.actor_user_id is None
            for item in scrubbed
        )
        assert fact is not None
        assert fact.author_user_id.startswith("erased-")
        assert fact.title == ""

    async def test_the_moderator_then_reads_someone_instead_of_the_name(self, town, sessions):
        headers = town.realm.headers(town.cast.name("dig", "en"))
        page = (await town.client.get("/v1/me/notifications", headers=headers)).json()
        titles = [i["title"] for i in page["items"] if i["kind"] == T.NEW_INPUT]
        assert titles
        assert all(town.cast.name("author", "en") not in t for t in titles)


class TestTenantDeleted:
    async def test_a_deleted_municipality_leaves_no_rows(self, town, publisher, sessions):
        other = town.other_tenant
        await eventually(lambda: _present(sessions, other))
        await publisher.publish(
            ev.event(other, "identity", "tenant", "deleted", other, {"slug": other})
        )
        await eventually(lambda: _gone(sessions, TenantInfo, TenantInfo.slug == other))
        assert await _gone(sessions, Person, Person.tenant == other)
        assert await _gone(sessions, MailMessage, MailMessage.tenant == other)
        assert not await _gone(sessions, Person, Person.tenant == town.realm.name)


async def _present(sessions, tenant: str) -> bool:
    async with sessions() as session:
        return (await session.exec(select(func.count()).select_from(MailMessage).where(MailMessage.tenant == tenant))).one() > 0  # fmt: skip
