"""Preferences per notification type: e-mail on or off, daily digest where offered; service mail stays."""

from inspraak_notifications.kinds import CONFIGURABLE
from inspraak_notifications.kinds import NotificationType as T


class TestPreferences:
    async def test_i_see_every_type_i_can_choose_with_my_choices(self, town):
        who = town.cast.name("dig", "en")
        response = await town.client.get(
            "/v1/me/notification-preferences", headers=town.realm.headers(who)
        )
        assert response.status_code == 200
        listed = {p["kind"]: p for p in response.json()}
        assert set(listed) == set(CONFIGURABLE)
        assert T.INVITATION not in listed
        assert listed[T.NEW_INPUT] == {"kind": T.NEW_INPUT, "name": "new input in my projects", "email": True, "daily_digest": True, "daily_digest_available": True}  # fmt: skip
        assert listed[T.COMMENT_REPLY]["daily_digest_available"] is False

    async def test_turning_a_type_off_and_on(self, town):
        headers = town.realm.headers(town.cast.name("dig", "fr"))
        url = f"/v1/me/notification-preferences/{T.UPDATE_POSTED}"
        off = await town.client.put(url, json={"email": False}, headers=headers)
        assert off.status_code == 200
        assert {p["kind"]: p["email"] for p in off.json()}[T.UPDATE_POSTED] is False
        assert {p["kind"]: p["name"] for p in off.json()}[
            T.UPDATE_POSTED
        ] == "actualités des projets suivis"
        on = await town.client.put(url, json={"email": True}, headers=headers)
        assert {p["kind"]: p["email"] for p in on.json()}[T.UPDATE_POSTED] is True

    async def test_service_mail_cannot_be_turned_off(self, town):
        headers = town.realm.headers(town.cast.name("dig", "nl"))
        response = await town.client.put(
            f"/v1/me/notification-preferences/{T.INVITATION}",
            json={"email": False},
            headers=headers,
        )
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:not-configurable"

    async def test_bad_choices_are_refused_with_a_problem(self, town):
        headers = town.realm.headers(town.cast.name("dig", "nl"))
        cases = [
            (f"/v1/me/notification-preferences/{T.COMMENT_REPLY}", {"daily_digest": True}),
            ("/v1/me/notification-preferences/no_such_kind", {"email": False}),
            (f"/v1/me/notification-preferences/{T.COMMENT_REPLY}", {}),
            (
                f"/v1/me/notification-preferences/{T.COMMENT_REPLY}",
                {"email": False, "colour": "red"},
            ),
        ]
        for url, body in cases:
            response = await town.client.put(url, json=body, headers=headers)
            assert response.status_code == 422, (url, body, response.text)
            assert response.headers["content-type"] == "application/problem+json"

    async def test_signing_in_is_required(self, town):
        response = await town.client.get(
            "/v1/me/notification-preferences", headers={"X-Inspraak-Tenant": town.realm.name}
        )
        assert response.status_code == 401
