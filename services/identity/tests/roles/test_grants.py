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
