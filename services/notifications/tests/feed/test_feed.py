"""The in-app feed: each person sees their own notifications, in their language, and marks them read."""

from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.kinds import NotificationType as T
from sqlmodel import select

from tests.support.service import eventually


async def _feed(town, who: str, **params) -> dict:
    response = await town.client.get(
        "/v1/me/notifications", params=params, headers=town.realm.headers(who)
    )
    assert response.status_code == 200, response.text
    return response.json()


def _author(town) -> str:
    return town.cast.name("author", "nl")


class TestMyFeed:
    async def test_i_see_what_happened_to_my_input_in_my_language(self, town):
        async def three() -> dict | None:
            page = await _feed(town, _author(town))
            return page if len(page["items"]) >= 3 else None

        page = await eventually(three)
        kinds = {item["kind"] for item in page["items"]}
        assert {T.INPUT_STATUS_CHANGED, T.OFFICIAL_RESPONSE, T.COMMENT_REPLY} <= kinds
        titles = {item["kind"]: item["title"] for item in page["items"]}
        assert titles[T.INPUT_STATUS_CHANGED] == "Nieuwe status voor uw inbreng “Meer bomen nl”"
        assert page["items"][0]["link"].startswith(
            f"https://{town.realm.name}.inspraak.example/projects/"
        )
        english = await _feed(town, _author(town), language="en")
        assert "New status for your input “Meer bomen nl”" in {i["title"] for i in english["items"]}

    async def test_unread_count_and_marking_read(self, town):
        who = town.realm.headers(_author(town))
        page = await _feed(town, _author(town))
        unread = page["unread_count"]
        assert unread >= 3
        first = page["items"][0]["id"]
        assert (
            await town.client.post(f"/v1/me/notifications/{first}/read", headers=who)
        ).status_code == 204
        assert (
            await town.client.post(f"/v1/me/notifications/{first}/read", headers=who)
        ).status_code == 204
        count = (await town.client.get("/v1/me/notifications/unread-count", headers=who)).json()
        assert count == {"unread_count": unread - 1}
        only_unread = await _feed(town, _author(town), unread="true")
        assert first not in {i["id"] for i in only_unread["items"]}
        marked = (await town.client.post("/v1/me/notifications/read-all", headers=who)).json()
        assert marked == {"marked": unread - 1}
        assert (await _feed(town, _author(town)))["unread_count"] == 0

    async def test_someone_elses_notification_does_not_exist_for_me(self, town, sessions):
        async with sessions() as session:
            theirs = (await session.exec(select(FeedItem).where(FeedItem.user_id == town.cast.id("sup", "nl")))).first()  # fmt: skip
        assert theirs is not None
        response = await town.client.post(
            f"/v1/me/notifications/{theirs.id}/read", headers=town.realm.headers(_author(town))
        )
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


class TestWhoMayRead:
    async def test_signing_in_is_required(self, town):
        response = await town.client.get(
            "/v1/me/notifications", headers={"X-Inspraak-Tenant": town.realm.name}
        )
        assert response.status_code == 401

    async def test_an_account_of_another_municipality_is_refused(self, town):
        headers = town.realm.headers(_author(town), tenant=town.other_tenant)
        response = await town.client.get("/v1/me/notifications", headers=headers)
        assert response.status_code == 403
