"""The invitation lifecycle: invite, the e-mail event, accept, expiry, reuse, resend,
revocation, wrong tenant, and the rules for external moderators and department heads."""

import asyncio
import hashlib

import pytest

from tests.support.world import PASSWORD

pytestmark = pytest.mark.keycloak


async def _invite(world, inviter="sam", **body):
    return await world.invite(await world.token(inviter), **body)


class TestInvitingEachRole:
    @pytest.mark.parametrize(
        ("role", "scope_id"),
        [
            ("policy_maker", None),
            ("communications", None),
            ("it_admin", None),
            ("superadmin", None),
            ("support", None),
            ("department_head", "dep-culture"),
            ("project_moderator", "p-museum"),
        ],
    )
    async def test_superadmin_invites_and_the_new_account_gets_the_role(
        self, staffed, role, scope_id
    ):
        body = {"role": role, "message": "Welkom aan boord!", "language": "fr"}
        if scope_id:
            body["scopeId"] = scope_id
        invitation = await _invite(staffed, **body)
        assert invitation["status"] == "pending"
        (created,) = await staffed.events(
            "invitation.created", lambda e: e.data["invitation_id"] == invitation["id"]
        )
        assert created.data["email"] == invitation["email"]
        assert created.data["role"] == role
        assert created.data["scope_id"] == scope_id
        assert created.data["inviter_username"] == "sam"
        assert created.data["inviter_user_id"] == staffed.users["sam"]
        assert created.data["message"] == "Welkom aan boord!"
        assert created.data["language"] == "fr"
        assert created.data["expires_at"] == invitation["expiresAt"].replace("Z", "+00:00")
        token = await staffed.invitation_token(invitation["id"])
        assert created.data["accept_url"].startswith(f"https://{staffed.slug}.example.org/")
        stored = await staffed.sql(
            "SELECT token_hash FROM invitation WHERE id = :id", id=invitation["id"]
        )
        assert stored.scalar_one() == hashlib.sha256(token.encode()).hexdigest()

        username = f"{role.replace('_', '')[:10]}new"
        accepted = await staffed.accept(token, username)
        assert accepted.status_code == 200, accepted.text
        assert accepted.json()["grantStatus"] == "active"
        claims = await staffed.claims(username)
        if scope_id:
            scope = "department" if role == "department_head" else "project"
            assert f"{role}:{scope}:{scope_id}" in claims["inspraak_scopes"]
        else:
            assert role in claims["realm_access"]["roles"]
        assert "user" in claims["realm_access"]["roles"]
        granted = await staffed.events(
            "role.granted", lambda e: e.data["user_id"] == accepted.json()["userId"]
        )
        assert [(e.data["role"], e.data["status"]) for e in granted] == [(role, "active")]

        status = await staffed.get(
            f"/v1/invitations/{invitation['id']}", await staffed.token("sam")
        )
        assert status.json()["status"] == "accepted"

    async def test_signed_in_person_accepts_with_their_existing_account(self, staffed):
        await staffed.register("bert")
        invitation = await _invite(staffed, role="communications", email="bert-work@example.org")
        token = await staffed.invitation_token(invitation["id"])
        response = await staffed.post(
            "/v1/invitations/accept", await staffed.login("bert"), json={"token": token}
        )
        assert response.status_code == 200, response.text
        assert response.json()["username"] == "bert"
        assert "communications" in (await staffed.claims("bert"))["realm_access"]["roles"]

    async def test_anonymous_accept_needs_username_and_password(self, staffed):
        invitation = await _invite(staffed, role="it_admin")
        token = await staffed.invitation_token(invitation["id"])
        response = await staffed.post("/v1/invitations/accept", json={"token": token})
        assert response.status_code == 422
        taken = await staffed.accept(token, "mona")
        assert taken.status_code == 409
        assert taken.json()["type"].endswith("username-taken")
        weak = await staffed.post(
            "/v1/invitations/accept",
            json={"token": token, "username": "newbie", "password": "short"},
        )
        assert weak.status_code == 422

    async def test_preview_shows_what_the_link_offers(self, staffed):
        invitation = await _invite(
            staffed, role="project_moderator", scopeId="p-park", external=True
        )
        token = await staffed.invitation_token(invitation["id"])
        preview = await staffed.post("/v1/invitations/preview", json={"token": token})
        assert preview.status_code == 200
        body = preview.json()
        assert body["needsTerms"] is True
        assert body["role"] == "project_moderator"
        assert body["tenantDisplayName"] == staffed.spec["displayName"]
        assert "email" not in body


class TestSingleUse:
    async def test_an_accepted_link_cannot_be_used_again(self, staffed):
        invitation = await _invite(staffed, role="policy_maker")
        token = await staffed.invitation_token(invitation["id"])
        assert (await staffed.accept(token, "once")).status_code == 200
        again = await staffed.accept(token, "twice")
        assert again.status_code == 410
        assert again.json()["type"].endswith("invitation-used")

    async def test_a_revoked_link_cannot_be_used(self, staffed):
        invitation = await _invite(staffed, role="policy_maker")
        token = await staffed.invitation_token(invitation["id"])
        revoked = await staffed.post(
            f"/v1/invitations/{invitation['id']}/revoke", await staffed.token("sam")
        )
        assert revoked.json()["status"] == "revoked"
        response = await staffed.accept(token, "toolate")
        assert response.status_code == 410
        assert response.json()["type"].endswith("invitation-revoked")
        assert await staffed.events(
            "invitation.revoked", lambda e: e.data["invitation_id"] == invitation["id"]
        )

    async def test_an_expired_link_cannot_be_used_and_expiry_is_announced(self, staffed):
        invitation = await _invite(staffed, role="policy_maker")
        token = await staffed.invitation_token(invitation["id"])
        await staffed.sql(
            "UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = :id",
            id=invitation["id"],
        )
        response = await staffed.accept(token, "expired1")
        assert response.status_code == 410
        assert response.json()["type"].endswith("invitation-expired")
        sam = await staffed.token("sam")
        status = await staffed.get(f"/v1/invitations/{invitation['id']}", sam)
        assert status.json()["status"] == "expired"
        (expired,) = await staffed.events(
            "invitation.expired", lambda e: e.data["invitation_id"] == invitation["id"]
        )
        assert expired.data == {"invitation_id": invitation["id"]}
        stored = await staffed.sql(
            "SELECT status FROM invitation WHERE id = :id", id=invitation["id"]
        )
        assert stored.scalar_one() == "expired"

        resent = await staffed.post(f"/v1/invitations/{invitation['id']}/resend", sam)
        assert resent.json()["status"] == "pending"
        fresh = await staffed.invitation_token(invitation["id"], nth=2)
        assert (await staffed.accept(fresh, "expired2")).status_code == 200

    async def test_invitations_last_fourteen_days_by_default(self, staffed):
        from datetime import datetime, timedelta

        invitation = await _invite(staffed, role="policy_maker")
        lifetime = datetime.fromisoformat(invitation["expiresAt"]) - datetime.fromisoformat(
            invitation["createdAt"]
        )
        assert timedelta(days=14) - lifetime < timedelta(seconds=5)

    async def test_resend_gives_a_new_link_and_kills_the_old_one(self, staffed):
        invitation = await _invite(staffed, role="policy_maker")
        old = await staffed.invitation_token(invitation["id"])
        resent = await staffed.post(
            f"/v1/invitations/{invitation['id']}/resend", await staffed.token("sam")
        )
        assert resent.status_code == 200
        assert resent.json()["sentCount"] == 2
        new = await staffed.invitation_token(invitation["id"], nth=2)
        assert new != old
        (_, second) = await staffed.events(
            "invitation.created", lambda e: e.data["invitation_id"] == invitation["id"], count=2
        )
        assert second.data["sent_count"] == 2
        assert (await staffed.accept(old, "oldlink")).status_code == 404
        assert (await staffed.accept(new, "newlink")).status_code == 200

    async def test_a_token_of_another_tenant_is_unknown_here(self, staffed, closed):
        invitation = await _invite(staffed, role="policy_maker")
        token = await staffed.invitation_token(invitation["id"])
        response = await closed.accept(token, "wrongtenant")
        assert response.status_code == 404
        assert (await staffed.accept(token, "righttenant")).status_code == 200

    async def test_a_second_pending_invitation_for_the_same_role_is_a_conflict(self, staffed):
        invitation = await _invite(staffed, role="it_admin")
        response = await staffed.post(
            "/v1/invitations",
            await staffed.token("sam"),
            json={"email": invitation["email"], "role": "it_admin"},
        )
        assert response.status_code == 409
        assert response.json()["type"].endswith("invitation-pending")

    async def test_payload_rules_for_scopes_are_422(self, staffed):
        sam = await staffed.token("sam")
        for body in (
            {"email": "a@example.org", "role": "department_head"},
            {"email": "a@example.org", "role": "policy_maker", "scopeId": "d1"},
            {"email": "a@example.org", "role": "policy_maker", "external": True},
            {"email": "a@example.org", "role": "user"},
            {"email": "not-an-email", "role": "policy_maker"},
        ):
            response = await staffed.post("/v1/invitations", sam, json=body)
            assert response.status_code == 422, body


class TestExternalModerators:
    async def test_role_becomes_active_only_after_accepting_the_terms(self, staffed):
        invitation = await _invite(
            staffed, role="project_moderator", scopeId="p-park", external=True
        )
        accepted = await staffed.accept(await staffed.invitation_token(invitation["id"]), "vera")
        assert accepted.status_code == 200
        assert accepted.json()["grantStatus"] == "pending_terms"
        assert accepted.json()["termsVersion"] == 1
        assert not (await staffed.claims("vera")).get("inspraak_scopes")
        (waiting,) = await staffed.events("role.granted", lambda e: e.data["username"] == "vera")
        assert waiting.data["status"] == "pending_terms"
        await staffed.accept_terms("vera")
        assert (await staffed.claims("vera"))["inspraak_scopes"] == [
            "project_moderator:project:p-park:external"
        ]
        granted = await staffed.events(
            "role.granted", lambda e: e.data["username"] == "vera", count=2
        )
        assert [e.data["status"] for e in granted] == ["pending_terms", "active"]
        assert granted[1].data["external"] is True

    async def test_outdated_terms_version_is_a_conflict(self, staffed):
        token = await staffed.token("ursula")
        response = await staffed.post("/v1/me/terms/acceptance", token, json={"version": 99})
        assert response.status_code == 409
        assert response.json()["currentVersion"] >= 1

    async def test_a_tenant_without_external_moderators_refuses_the_invitation(self, closed):
        response = await closed.post(
            "/v1/invitations",
            await closed.token("sam"),
            json={
                "email": "v@example.org",
                "role": "project_moderator",
                "scopeId": "p1",
                "external": True,
            },
        )
        assert response.status_code == 409
        assert response.json()["type"].endswith("external-moderators-not-allowed")
        assert "does not allow external project moderators" in response.json()["detail"]


class TestDepartmentHeads:
    async def test_department_head_invites_moderators_for_projects_in_the_department(self, staffed):
        invitation = await _invite(staffed, "dirk", role="project_moderator", scopeId="p-square")
        (created,) = await staffed.events(
            "invitation.created", lambda e: e.data["invitation_id"] == invitation["id"]
        )
        assert created.data["inviter_username"] == "dirk"
        accepted = await staffed.accept(await staffed.invitation_token(invitation["id"]), "nina")
        assert accepted.status_code == 200

    async def test_department_head_cannot_invite_outside_the_department(self, staffed):
        dirk = await staffed.token("dirk")
        outside = await staffed.post(
            "/v1/invitations",
            dirk,
            json={"email": "o@example.org", "role": "project_moderator", "scopeId": "p-museum"},
        )
        assert outside.status_code == 403
        unknown = await staffed.post(
            "/v1/invitations",
            dirk,
            json={"email": "o@example.org", "role": "project_moderator", "scopeId": "p-nowhere"},
        )
        assert unknown.status_code == 403
        other_role = await staffed.post(
            "/v1/invitations", dirk, json={"email": "o@example.org", "role": "policy_maker"}
        )
        assert other_role.status_code == 403

    async def test_a_project_moved_to_the_department_becomes_invitable(self, staffed):
        await staffed.publish_project("p-moved", "dep-culture")
        await staffed.wait_for_projects("p-moved")
        dirk = await staffed.token("dirk")
        body = {"email": "m@example.org", "role": "project_moderator", "scopeId": "p-moved"}
        assert (await staffed.post("/v1/invitations", dirk, json=body)).status_code == 403
        await staffed.publish_project("p-moved", "dep-green", verb="updated")
        for _ in range(50):
            row = await staffed.sql(
                "SELECT department_id FROM project_department WHERE tenant = :t AND project_id = 'p-moved'",
                t=staffed.slug,
            )
            if row.scalar_one() == "dep-green":
                break
            import asyncio

            await asyncio.sleep(0.2)
        assert (await staffed.post("/v1/invitations", dirk, json=body)).status_code == 201

    async def test_department_head_sees_only_their_departments_invitations(self, staffed):
        mine = await _invite(staffed, "dirk", role="project_moderator", scopeId="p-park")
        elsewhere = await _invite(staffed, role="project_moderator", scopeId="p-museum")
        dirk = await staffed.token("dirk")
        listed = {i["id"] for i in (await staffed.get("/v1/invitations", dirk)).json()}
        assert mine["id"] in listed
        assert elsewhere["id"] not in listed
        hidden = await staffed.get(f"/v1/invitations/{elsewhere['id']}", dirk)
        assert hidden.status_code == 404


class TestScopeMustExist:
    async def _refused(self, world, body, slug):
        email = f"scope-{slug}-{body['scopeId']}@example.org"
        response = await world.post(
            "/v1/invitations", await world.token("sam"), json={"email": email, **body}
        )
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["type"] == f"urn:inspraak:problem:{slug}"
        assert "scopeId" in problem["detail"]
        assert problem["errors"][0]["loc"] == ["body", "scopeId"]
        stored = await world.sql(
            "SELECT count(*) FROM invitation WHERE tenant = :t AND email = :e",
            t=world.slug,
            e=email,
        )
        assert stored.scalar_one() == 0

    async def test_an_unknown_project_is_refused(self, staffed):
        await self._refused(
            staffed, {"role": "project_moderator", "scopeId": "p-nowhere"}, "project-unknown"
        )

    async def test_an_unknown_department_is_refused(self, staffed):
        await self._refused(
            staffed, {"role": "department_head", "scopeId": "dep-nowhere"}, "department-unknown"
        )

    async def test_a_project_of_another_tenant_is_unknown_here(self, staffed, closed):
        await closed.publish_project("p-elsewhere", "dep-elsewhere")
        await closed.wait_for_projects("p-elsewhere")
        await self._refused(
            staffed, {"role": "project_moderator", "scopeId": "p-elsewhere"}, "project-unknown"
        )

    async def test_a_deleted_project_is_refused(self, staffed):
        await staffed.publish_project("p-gone", "dep-green")
        await staffed.wait_for_projects("p-gone")
        await staffed.publish_project("p-gone", "dep-green", verb="deleted")
        for _ in range(100):
            row = await staffed.sql(
                "SELECT deleted FROM project_department WHERE tenant = :t AND project_id = 'p-gone'",
                t=staffed.slug,
            )
            if row.scalar_one():
                break
            await asyncio.sleep(0.2)
        await self._refused(
            staffed, {"role": "project_moderator", "scopeId": "p-gone"}, "project-unknown"
        )

    async def test_a_project_whose_event_is_still_on_its_way_is_waited_for(self, staffed):
        # The superadmin creates a project and invites its moderator at once: the invitation
        # arrives before the projects service's event does.
        sam = await staffed.token("sam")
        body = {"email": "early@example.org", "role": "project_moderator", "scopeId": "p-early"}
        invited = asyncio.create_task(staffed.post("/v1/invitations", sam, json=body))
        await asyncio.sleep(0.5)
        assert not invited.done()
        await staffed.publish_project("p-early", "dep-green")

        response = await invited

        assert response.status_code == 201, response.text
        assert response.json()["scopeId"] == "p-early"

    async def test_a_new_department_without_projects_gets_its_head(self, staffed):
        await staffed.publish_department("dep-new")
        await staffed.wait_for_department("dep-new")

        invitation = await _invite(staffed, role="department_head", scopeId="dep-new")

        assert invitation["scopeId"] == "dep-new"
        await staffed.publish_department("dep-new", verb="deleted")
        await staffed.wait_for_department("dep-new", deleted=True)
        await self._refused(
            staffed, {"role": "department_head", "scopeId": "dep-new"}, "department-unknown"
        )

    async def test_bulk_refuses_the_line_with_an_unknown_scope_and_names_the_problem(self, staffed):
        csv = (
            "email,role,scopeId\n"
            "scopebulk1@example.org,project_moderator,p-park\n"
            "scopebulk2@example.org,project_moderator,p-nowhere\n"
            "scopebulk3@example.org,department_head,dep-nowhere\n"
            "scopebulk4@example.org,department_head,\n"
        )
        response = await staffed.post(
            "/v1/invitations/bulk",
            await staffed.token("sam"),
            content=csv.encode(),
            headers={"Content-Type": "text/csv"},
        )

        assert response.status_code == 200, response.text
        rows = {row["row"]: row for row in response.json()["rows"]}
        assert rows[2]["status"] == "created"
        assert rows[2]["problemType"] is None
        assert (rows[3]["status"], rows[3]["problemType"]) == (
            "failed",
            "urn:inspraak:problem:project-unknown",
        )
        assert "p-nowhere" in rows[3]["error"]
        assert (rows[4]["status"], rows[4]["problemType"]) == (
            "failed",
            "urn:inspraak:problem:department-unknown",
        )
        assert (rows[5]["status"], rows[5]["problemType"]) == (
            "failed",
            "urn:inspraak:problem:validation-failed",
        )


class TestBulk:
    async def test_csv_creates_what_it_can_and_reports_each_failing_row(self, staffed):
        csv = (
            "email,role,scopeId,external,message,language\n"
            "bulk1@example.org,policy_maker,,,Welkom,nl\n"
            "bulk2@example.org,project_moderator,p-park,true,,fr\n"
            "not-an-email,policy_maker,,,,\n"
            "bulk3@example.org,department_head,,,,\n"
            "bulk4@example.org,communications,,,,de\n"
            "bulk1@example.org,policy_maker,,,,\n"
        )
        response = await staffed.post(
            "/v1/invitations/bulk",
            await staffed.token("sam"),
            content=csv.encode(),
            headers={"Content-Type": "text/csv"},
        )
        assert response.status_code == 200, response.text
        report = response.json()
        assert (report["created"], report["failed"]) == (2, 4)
        by_row = {row["row"]: row for row in report["rows"]}
        assert by_row[2]["status"] == "created"
        assert by_row[3]["status"] == "created"
        assert "email" in by_row[4]["error"]
        assert "scopeId" in by_row[5]["error"]
        assert "language" in by_row[6]["error"]
        assert "pending invitation" in by_row[7]["error"]
        # Each refusal carries its problem type, for clients that translate it.
        assert by_row[2]["problemType"] is None
        assert by_row[4]["problemType"] == "urn:inspraak:problem:validation-failed"
        assert by_row[6]["problemType"] == "urn:inspraak:problem:validation-failed"
        assert by_row[7]["problemType"] == "urn:inspraak:problem:invitation-pending"
        events = await staffed.events(
            "invitation.created",
            lambda e: e.data["email"] in {"bulk1@example.org", "bulk2@example.org"},
            count=2,
        )
        assert len(events) == 2

    async def test_csv_without_the_needed_columns_is_422(self, staffed):
        sam = await staffed.token("sam")
        response = await staffed.client.post(
            "/v1/invitations/bulk",
            content=b"name\nx\n",
            headers={**staffed.headers(sam), "Content-Type": "text/csv"},
        )
        assert response.status_code == 422


async def test_password_is_set_through_keycloak_and_works(staffed):
    invitation = await _invite(staffed, role="policy_maker")
    await staffed.accept(await staffed.invitation_token(invitation["id"]), "pwcheck")
    assert await staffed.login("pwcheck", PASSWORD)
