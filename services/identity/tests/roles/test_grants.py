"""Direct role grants and revocations: mirrored into Keycloak and the token, announced as events."""

import pytest

pytestmark = pytest.mark.keycloak


class TestScopedRoles:
    async def test_grant_and_revoke_a_scoped_role_reaches_the_token_and_the_stream(self, staffed):
        await staffed.register("gert")
        sam = await staffed.token("sam")
        granted = await staffed.post(
            "/v1/roles/grants",
            sam,
            json={"userId": staffed.users["gert"], "role": "department_head", "scopeId": "dep-x"},
        )
        assert granted.status_code == 201, granted.text
        assert (await staffed.claims("gert"))["inspraak_scopes"] == [
            "department_head:department:dep-x"
        ]
        response = await staffed.client.delete(
            f"/v1/roles/grants/{granted.json()['id']}", headers=staffed.headers(sam)
        )
        assert response.status_code == 204
        assert not (await staffed.claims("gert")).get("inspraak_scopes")
        revoked = await staffed.events(
            "role.revoked", lambda e: e.data["user_id"] == staffed.users["gert"]
        )
        assert revoked[0].data == {
            "grant_id": granted.json()["id"],
            "user_id": staffed.users["gert"],
            "username": "gert",
            "role": "department_head",
            "scope": "department",
            "scope_id": "dep-x",
            "external": False,
            "status": "active",
        }

    async def test_tenant_wide_role_is_a_realm_role(self, staffed):
        await staffed.register("hanna")
        sam = await staffed.token("sam")
        granted = await staffed.post(
            "/v1/roles/grants", sam, json={"userId": staffed.users["hanna"], "role": "it_admin"}
        )
        assert "it_admin" in (await staffed.claims("hanna"))["realm_access"]["roles"]
        await staffed.client.delete(
            f"/v1/roles/grants/{granted.json()['id']}", headers=staffed.headers(sam)
        )
        assert "it_admin" not in (await staffed.claims("hanna"))["realm_access"]["roles"]

    async def test_department_head_steers_only_their_own_moderators(self, staffed):
        dirk = await staffed.token("dirk")
        grants = (await staffed.get("/v1/roles/grants", dirk)).json()
        scopes = {(g["role"], g["scopeId"]) for g in grants}
        assert ("project_moderator", "p-park") in scopes
        assert ("project_moderator", "p-museum") not in scopes
        mike = (
            await staffed.get(
                "/v1/roles/grants",
                await staffed.token("sam"),
                params={"userId": staffed.users["mike"]},
            )
        ).json()[0]
        response = await staffed.client.delete(
            f"/v1/roles/grants/{mike['id']}", headers=staffed.headers(dirk)
        )
        assert response.status_code == 404
        forbidden = await staffed.post(
            "/v1/roles/grants",
            dirk,
            json={
                "userId": staffed.users["tina"],
                "role": "project_moderator",
                "scopeId": "p-museum",
            },
        )
        assert forbidden.status_code == 403


class TestSupportAccess:
    async def test_support_access_is_time_boxed(self, staffed):
        sam = await staffed.token("sam")
        too_long = await staffed.post(
            "/v1/support-access", sam, json={"hours": 10_000, "reason": "forever"}
        )
        assert too_long.status_code == 422
        granted = await staffed.post(
            "/v1/support-access", sam, json={"hours": 1, "reason": "setup"}
        )
        assert granted.json()["active"] is True
        suzy = await staffed.token("suzy")
        assert (await staffed.get("/v1/team", suzy)).status_code == 200
        await staffed.sql(
            "UPDATE support_grant SET expires_at = now() - interval '1 second' WHERE id = :id",
            id=granted.json()["id"],
        )
        assert (await staffed.get("/v1/team", suzy)).status_code == 403
        listed = (await staffed.get("/v1/support-access", suzy)).json()
        assert listed[0]["active"] is False


class TestGrantByUsername:
    async def test_a_department_head_makes_a_person_moderator_by_username(self, staffed):
        await staffed.register("wout")
        dirk = await staffed.token("dirk")
        granted = await staffed.post(
            "/v1/roles/grants",
            dirk,
            json={"username": "wout", "role": "project_moderator", "scopeId": "p-park"},
        )
        assert granted.status_code == 201, granted.text
        assert (granted.json()["userId"], granted.json()["username"]) == (
            staffed.users["wout"],
            "wout",
        )
        assert (await staffed.claims("wout"))["inspraak_scopes"] == [
            "project_moderator:project:p-park"
        ]

    async def test_the_head_s_scope_holds_for_a_username_too(self, staffed):
        await staffed.register("xavier")
        forbidden = await staffed.post(
            "/v1/roles/grants",
            await staffed.token("dirk"),
            json={"username": "xavier", "role": "project_moderator", "scopeId": "p-museum"},
        )
        assert forbidden.status_code == 403
        assert forbidden.json()["type"].endswith(":project-not-in-your-department")
        assert not (await staffed.claims("xavier")).get("inspraak_scopes")

    async def test_an_unknown_username_is_a_404_problem(self, staffed):
        unknown = await staffed.post(
            "/v1/roles/grants",
            await staffed.token("dirk"),
            json={"username": "niemand", "role": "project_moderator", "scopeId": "p-park"},
        )
        assert unknown.status_code == 404
        assert unknown.headers["content-type"].startswith("application/problem+json")
        assert unknown.json()["type"].endswith(":person-unknown")
        assert "niemand" in unknown.json()["detail"]

    async def test_a_person_is_named_once_not_by_id_and_username(self, staffed):
        sam = await staffed.token("sam")
        both = await staffed.post(
            "/v1/roles/grants",
            sam,
            json={"userId": staffed.users["tina"], "username": "tina", "role": "it_admin"},
        )
        neither = await staffed.post("/v1/roles/grants", sam, json={"role": "it_admin"})
        assert (both.status_code, neither.status_code) == (422, 422)
