"""The area a person declares: stored, mirrored into their tokens, private, audited."""

import json
import uuid

import pytest

pytestmark = pytest.mark.keycloak

NORTH = str(uuid.uuid4())
SOUTH = str(uuid.uuid4())


async def _patch_me(world, username: str, body: dict):
    token = await world.login(username)
    return await world.client.patch("/v1/me", json=body, headers=world.headers(token))


class TestDeclaringAnArea:
    async def test_area_given_at_registration_is_in_the_profile_and_the_token(self, staffed):
        await staffed.register("noor", areaId=NORTH.upper())
        me = (await staffed.get("/v1/me", await staffed.login("noor"))).json()
        assert me["areaId"] == NORTH
        assert (await staffed.claims("noor"))["inspraak_area"] == NORTH

    async def test_person_changes_and_clears_their_area_and_tokens_follow(self, staffed):
        await staffed.register("zeno")
        assert "inspraak_area" not in await staffed.claims("zeno")
        changed = await _patch_me(staffed, "zeno", {"areaId": SOUTH})
        assert changed.status_code == 200, changed.text
        assert changed.json()["areaId"] == SOUTH
        assert (await staffed.claims("zeno"))["inspraak_area"] == SOUTH
        untouched = await _patch_me(staffed, "zeno", {"firstName": "Zeno"})
        assert untouched.json()["areaId"] == SOUTH, "a patch without areaId keeps the area"
        cleared = await _patch_me(staffed, "zeno", {"areaId": None})
        assert cleared.json()["areaId"] is None
        assert "inspraak_area" not in await staffed.claims("zeno")

    async def test_area_must_look_like_an_area_id(self, staffed):
        response = await _patch_me(staffed, "ursula", {"areaId": "north; drop table"})
        assert response.status_code == 422
        registration = await staffed.post(
            "/v1/people/registrations",
            json={
                "username": "bad-area",
                "email": "bad-area@example.org",
                "password": "Correct-Horse-42",
                "areaId": "x" * 80,
            },
        )
        assert registration.status_code == 422

    async def test_changes_of_area_are_audited(self, staffed):
        await staffed.register("aziz", areaId=NORTH)
        await _patch_me(staffed, "aziz", {"areaId": SOUTH})
        await _patch_me(staffed, "aziz", {"areaId": SOUTH})  # no change, no entry
        audit = (
            await staffed.get(
                "/v1/audit",
                await staffed.token("sam"),
                params={"targetUserId": staffed.users["aziz"]},
            )
        ).json()
        changes = [e for e in audit if e["action"] == "person.area.changed"]
        assert len(changes) == 1
        assert changes[0]["actorUsername"] == "aziz"
        assert changes[0]["detail"] == {"from": NORTH, "to": SOUTH}


class TestPrivacyOfTheArea:
    async def test_public_profile_does_not_show_the_area(self, staffed):
        await staffed.register("petra", areaId=NORTH)
        response = await staffed.get("/v1/people/petra")
        assert response.json() == {
            "username": "petra",
            "isOrganisation": False,
            "organisationType": None,
        }
        assert NORTH not in response.text

    async def test_export_holds_the_area(self, staffed):
        await staffed.register("eline", areaId=SOUTH)
        export = await staffed.get("/v1/me/export", await staffed.login("eline"))
        document = json.loads(export.content)
        assert document["profile"]["area_id"] == SOUTH
        assert document["account"]["attributes"]["inspraak_area"] == [SOUTH]

    async def test_erasure_forgets_the_area(self, staffed):
        registered = await staffed.register("wout", areaId=NORTH)
        token = await staffed.login("wout")
        erased = await staffed.post("/v1/me/erasure", token, json={"confirmUsername": "wout"})
        assert erased.status_code == 200, erased.text
        row = await staffed.sql(
            "SELECT area_id FROM person WHERE tenant = :t AND user_id = :u",
            t=staffed.slug,
            u=registered["userId"],
        )
        assert row.scalar_one() is None
