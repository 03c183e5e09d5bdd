"""People: registration, public profiles without personal data, audited staff reads,
the person's own data, export, and erasure."""

import json

import pytest
from keycloak.exceptions import KeycloakAuthenticationError

from tests.support.world import PASSWORD

pytestmark = pytest.mark.keycloak


class TestRegistration:
    async def test_person_registers_and_can_sign_in(self, staffed):
        registered = await staffed.register("pieter", firstName="Pieter", lastName="Peeters")
        assert registered["kind"] == "person"
        assert await staffed.login("pieter")
        (event,) = await staffed.events(
            "user.registered", lambda e: e.data["user_id"] == registered["userId"]
        )
        assert event.data == {
            "user_id": registered["userId"],
            "username": "pieter",
            "kind": "person",
            "email": f"pieter@{staffed.slug}.example.org",
            "language": "nl",
        }

    async def test_organisation_registers_with_its_profile_type(self, staffed):
        await staffed.register("wijkraad-noord", kind="organisation", organisationType="council")
        profile = (await staffed.get("/v1/people/wijkraad-noord")).json()
        assert profile == {
            "username": "wijkraad-noord",
            "isOrganisation": True,
            "organisationType": "council",
        }

    async def test_usernames_are_unique_per_tenant(self, staffed, closed):
        body = {"username": "ursula", "email": "other@example.org", "password": PASSWORD}
        response = await staffed.post("/v1/people/registrations", json=body)
        assert response.status_code == 409
        assert response.json()["type"].endswith("username-taken")
        upper = await staffed.post("/v1/people/registrations", json={**body, "username": "URSULA"})
        assert upper.status_code == 409

    async def test_username_may_not_be_an_email_address(self, staffed):
        body = {"username": "me@example.org", "email": "me@example.org", "password": PASSWORD}
        response = await staffed.post("/v1/people/registrations", json=body)
        assert response.status_code == 422

    async def test_tenant_without_self_registration_refuses(self, closed):
        body = {"username": "walter", "email": "walter@example.org", "password": PASSWORD}
        response = await closed.post("/v1/people/registrations", json=body)
        assert response.status_code == 403
        assert response.json()["type"].endswith("registration-closed")


class TestPrivacy:
    async def test_public_profile_has_the_username_and_no_email_or_name(self, staffed):
        response = await staffed.get("/v1/people/pieter")
        assert response.status_code == 200
        body = response.json()
        assert body == {"username": "pieter", "isOrganisation": False, "organisationType": None}
        text = response.text.lower()
        assert "pieter@" not in text
        assert "peeters" not in text

    async def test_changing_the_language_is_announced_for_notifications(self, staffed):
        token = await staffed.token("pieter")
        response = await staffed.client.patch(
            "/v1/me", json={"language": "fr", "firstName": "Piet"}, headers=staffed.headers(token)
        )
        assert response.status_code == 200, response.text
        assert (response.json()["language"], response.json()["firstName"]) == ("fr", "Piet")
        (changed,) = await staffed.events(
            "user.contact_changed", lambda e: e.data["username"] == "pieter"
        )
        assert changed.data["language"] == "fr"
        assert changed.data["email"] == f"pieter@{staffed.slug}.example.org"
        await staffed.client.patch(
            "/v1/me", json={"firstName": "Pieter"}, headers=staffed.headers(token)
        )

    async def test_the_person_sees_their_own_email_and_names(self, staffed):
        me = (await staffed.get("/v1/me", await staffed.token("pieter"))).json()
        assert me["email"] == f"pieter@{staffed.slug}.example.org"
        assert me["firstName"] == "Pieter"
        assert me["roles"] == ["user"]

    async def test_staff_reads_of_contact_details_are_audited(self, staffed):
        sam = await staffed.token("sam")
        response = await staffed.get("/v1/people/mona/contact", sam)
        assert response.status_code == 200
        assert response.json()["email"] == f"mona@{staffed.slug}.example.org"
        audit = (
            await staffed.get("/v1/audit", sam, params={"targetUserId": staffed.users["mona"]})
        ).json()
        assert audit[0]["action"] == "person.contact.read"
        assert audit[0]["actorUsername"] == "sam"

    async def test_department_head_reads_only_their_departments_people(self, staffed):
        dirk = await staffed.token("dirk")
        assert (await staffed.get("/v1/people/mona/contact", dirk)).status_code == 200
        assert (await staffed.get("/v1/people/mike/contact", dirk)).status_code == 403
        assert (await staffed.get("/v1/people/ursula/contact", dirk)).status_code == 403

    async def test_support_has_no_standing_access_to_personal_data(self, staffed):
        suzy = await staffed.token("suzy")
        assert (await staffed.get("/v1/people/ursula/contact", suzy)).status_code == 403

    async def test_the_person_sees_who_read_their_data_in_the_export(self, staffed):
        export = await staffed.get("/v1/me/export", await staffed.token("mona"))
        reads = export.json()["readsOfYourData"]
        assert any(r["actor_username"] == "sam" for r in reads)


class TestExport:
    async def test_export_holds_all_personal_data_as_json(self, staffed):
        response = await staffed.get("/v1/me/export", await staffed.token("eric"))
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/json")
        assert "attachment" in response.headers["content-disposition"]
        document = json.loads(response.content)
        assert document["account"]["username"] == "eric"
        assert document["account"]["email"] == f"eric@{staffed.slug}.example.org"
        assert document["profile"]["username"] == "eric"
        assert [r["role"] for r in document["roles"]] == ["project_moderator"]
        assert document["invitationsReceived"][0]["role"] == "project_moderator"
        assert "token_hash" not in document["invitationsReceived"][0]
        assert document["termsAccepted"][0]["version"] >= 1


class TestErasure:
    async def test_erasure_needs_the_username_typed_again(self, staffed):
        token = await staffed.token("pieter")
        response = await staffed.post("/v1/me/erasure", token, json={"confirmUsername": "x"})
        assert response.status_code == 422
        assert (await staffed.get("/v1/me", token)).status_code == 200

    async def test_erased_person_cannot_sign_in_and_user_erased_is_published_once(self, staffed):
        registered = await staffed.register("erik-erased", kind="person", firstName="Erik")
        sam = await staffed.token("sam")
        invitation = await staffed.invite(sam, role="project_moderator", scopeId="p-park")
        token = await staffed.login("erik-erased")
        accepted = await staffed.post(
            "/v1/invitations/accept",
            token,
            json={"token": await staffed.invitation_token(invitation["id"])},
        )
        assert accepted.status_code == 200
        token = await staffed.login("erik-erased")
        response = await staffed.post(
            "/v1/me/erasure", token, json={"confirmUsername": "erik-erased"}
        )
        assert response.status_code == 200, response.text
        user_id = registered["userId"]
        assert response.json()["userId"] == user_id

        with pytest.raises(KeycloakAuthenticationError):
            await staffed.login("erik-erased")
        again = await staffed.post("/v1/me/erasure", token, json={"confirmUsername": "erik-erased"})
        assert again.status_code == 410
        assert (await staffed.get("/v1/people/erik-erased")).status_code == 404

        erased = await staffed.events(
            "user.erased", lambda e: e.subject == user_id, count=2, timeout=3.0
        )
        assert len(erased) == 1
        assert erased[0].data == {"user_id": user_id}
        revoked = await staffed.events("role.revoked", lambda e: e.data["user_id"] == user_id)
        assert [e.data["role"] for e in revoked] == ["project_moderator"]
        row = await staffed.sql(
            "SELECT username, status FROM person WHERE tenant = :t AND user_id = :u",
            t=staffed.slug,
            u=user_id,
        )
        username, status = row.one()
        assert status == "erased"
        assert username.startswith("erased-")
        leftovers = await staffed.sql(
            "SELECT count(*) FROM role_grant WHERE username = 'erik-erased'"
        )
        assert leftovers.scalar_one() == 0
