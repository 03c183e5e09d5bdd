"""The team overview (who is who, who does what) and the onboarding checklist."""

import pytest

pytestmark = pytest.mark.keycloak


def _by_username(overview):
    return {s["username"]: s for s in overview["stakeholders"] if s["username"]}


class TestOverview:
    async def test_superadmin_sees_every_stakeholder_with_task_package_and_workload(self, staffed):
        sam = await staffed.token("sam")
        pending = await staffed.invite(sam, role="communications", email="invited-comm@example.org")
        overview = (await staffed.get("/v1/team", sam)).json()
        assert overview["wholeTenant"] is True
        people = _by_username(overview)
        for username in ("sam", "paula", "cor", "ivo", "suzy", "dirk", "mona", "mike", "eric"):
            assert username in people, username
        superadmin_role = people["sam"]["roles"][0]
        assert superadmin_role["role"] == "superadmin"
        assert set(superadmin_role["workload"]) == {"nl", "fr", "en"}
        assert "1" in superadmin_role["workload"]["en"]
        dirk = people["dirk"]["roles"][0]
        assert (dirk["role"], dirk["scope"], dirk["scopeId"]) == (
            "department_head",
            "department",
            "dep-green",
        )
        eric = people["eric"]["roles"][0]
        assert eric["external"] is True
        assert "volunteer" in eric["taskPackage"]["en"]
        assert people["mona"]["status"] == "active"
        assert people["mona"]["onboarding"]["total"] >= 3
        invited = [s for s in overview["stakeholders"] if s["status"] == "invited"]
        assert any(s["email"] == "invited-comm@example.org" for s in invited)
        assert pending["id"] in {i["id"] for i in overview["pendingInvitations"]}
        assert "ursula" not in people  # residents are no stakeholders

    async def test_a_moderator_waiting_for_the_terms_is_inactive(self, staffed):
        sam = await staffed.token("sam")
        invitation = await staffed.invite(
            sam, role="project_moderator", scopeId="p-square", external=True
        )
        await staffed.accept(await staffed.invitation_token(invitation["id"]), "wanda")
        people = _by_username((await staffed.get("/v1/team", sam)).json())
        assert people["wanda"]["status"] == "inactive"
        assert people["wanda"]["roles"][0]["status"] == "pending_terms"

    async def test_department_head_sees_only_their_departments_people(self, staffed):
        overview = (await staffed.get("/v1/team", await staffed.token("dirk"))).json()
        assert overview["wholeTenant"] is False
        people = _by_username(overview)
        assert {"dirk", "mona", "eric"} <= set(people)
        assert "mike" not in people
        assert "sam" not in people
        assert "paula" not in people

    async def test_role_catalogue_describes_every_role_in_three_languages(self, staffed):
        catalogue = (await staffed.get("/v1/team/roles", await staffed.token("ursula"))).json()
        roles = {(r["role"], r["external"]) for r in catalogue}
        for role in (
            "superadmin",
            "policy_maker",
            "communications",
            "it_admin",
            "department_head",
            "project_moderator",
            "support",
            "user",
        ):
            assert (role, False) in roles
        assert ("project_moderator", True) in roles
        for entry in catalogue:
            assert set(entry["taskPackage"]) == {"nl", "fr", "en"}


class TestChecklist:
    async def test_each_person_ticks_off_their_own_onboarding_items(self, staffed):
        token = await staffed.token("eric")
        checklist = (await staffed.get("/v1/me/onboarding", token)).json()
        keys = {item["key"] for item in checklist["items"]}
        assert {"sign-in", "read-guide", "accept-terms"} <= keys
        assert checklist["done"] == 0
        ticked = await staffed.client.put(
            "/v1/me/onboarding/read-guide", json={"done": True}, headers=staffed.headers(token)
        )
        assert ticked.status_code == 200
        assert ticked.json()["done"] == 1
        unknown = await staffed.client.put(
            "/v1/me/onboarding/write-agreement-note",
            json={"done": True},
            headers=staffed.headers(token),
        )
        assert unknown.status_code == 404
        overview = (await staffed.get("/v1/team", await staffed.token("sam"))).json()
        assert _by_username(overview)["eric"]["onboarding"]["done"] == 1
        unticked = await staffed.client.put(
            "/v1/me/onboarding/read-guide", json={"done": False}, headers=staffed.headers(token)
        )
        assert unticked.json()["done"] == 0
