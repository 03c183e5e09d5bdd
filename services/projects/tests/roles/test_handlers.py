"""identity's role events become the moderators and heads in snapshots; erasure forgets the
person everywhere; old or repeated events never undo newer ones."""

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.api import (
    emitted,
    event,
    handle,
    make_department,
    ok,
    published_project,
    role_event,
    unique,
)

pytestmark = pytest.mark.keycloak


class TestModerators:
    async def test_granted_moderator_appears_in_the_snapshot_and_revoked_goes(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        volunteer = unique("volunteer")
        grant = role_event(
            town.slug, "granted", "user-v1", "project_moderator", "project", project["id"],
            username=volunteer, external=True,
        )  # fmt: skip
        await handle(session_factory, grant)
        await handle(session_factory, grant)  # redelivered

        moderators = await ok(
            await api.get(
                f"/projects/{project['id']}/moderators", headers=town.headers(town.superadmin())
            )
        )
        assert moderators == [{"user_id": "user-v1", "username": volunteer, "external": True}]
        assigned = await emitted(session_factory, town.slug, "moderator.assigned", project["id"])
        assert assigned == [
            {
                "project_id": project["id"],
                "user_id": "user-v1",
                "username": volunteer,
                "external": True,
            }
        ]
        snapshot = (await emitted(session_factory, town.slug, "project.updated", project["id"]))[-1]
        assert snapshot["moderator_user_ids"] == ["user-v1"]

        revoke = role_event(
            town.slug, "revoked", "user-v1", "project_moderator", "project", project["id"]
        )
        await handle(session_factory, revoke)
        snapshot = (await emitted(session_factory, town.slug, "project.updated", project["id"]))[-1]
        assert snapshot["moderator_user_ids"] == []
        assert (
            len(await emitted(session_factory, town.slug, "moderator.removed", project["id"])) == 1
        )

    async def test_an_older_grant_arriving_late_does_not_undo_a_revocation(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        now = datetime.now(UTC)
        args = ("user-late", "project_moderator", "project", project["id"])
        await handle(session_factory, role_event(town.slug, "revoked", *args, at=now))
        await handle(
            session_factory, role_event(town.slug, "granted", *args, at=now - timedelta(seconds=5))
        )
        moderators = await api.get(
            f"/projects/{project['id']}/moderators", headers=town.headers(town.superadmin())
        )
        assert moderators.json() == []

    async def test_external_moderator_counts_once_terms_are_accepted(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        args = ("user-ext", "project_moderator", "project", project["id"])
        now = datetime.now(UTC)
        pending = role_event(
            town.slug, "granted", *args, external=True, status="pending_terms", at=now
        )
        await handle(session_factory, pending)
        url = f"/projects/{project['id']}/moderators"
        admin = town.headers(town.superadmin())
        assert (await ok(await api.get(url, headers=admin))) == []
        active = role_event(
            town.slug, "granted", *args, external=True, at=now + timedelta(seconds=1)
        )
        await handle(session_factory, active)
        assert [m["user_id"] for m in await ok(await api.get(url, headers=admin))] == ["user-ext"]


class TestDepartmentHeads:
    async def test_granted_head_is_announced_with_the_department(self, api, town, session_factory):
        department = await make_department(api, town)
        await handle(
            session_factory,
            role_event(
                town.slug, "granted", "user-h1", "department_head", "department", department["id"],
                username="hoofd-groen",
            ),
        )  # fmt: skip
        updated = await emitted(session_factory, town.slug, "department.updated", department["id"])
        assert updated[-1]["head_user_ids"] == ["user-h1"]
        assert updated[-1]["version"] == 2
        heads = await ok(
            await api.get(
                f"/departments/{department['id']}/heads", headers=town.headers(town.superadmin())
            )
        )
        assert heads["heads"] == [{"user_id": "user-h1", "username": "hoofd-groen"}]
        resident = town.headers(town.person(unique("nosy")))
        assert (
            await api.get(f"/departments/{department['id']}/heads", headers=resident)
        ).status_code == 403


class TestErasure:
    async def test_erased_person_is_forgotten_and_what_they_wrote_stays_anonymous(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"], visibility="restricted")
        url = f"/projects/{project['id']}"
        admin = town.headers(town.superadmin())
        leaving = town.person(
            unique("leaving"), scopes=(f"project_moderator:project:{project['id']}",)
        )
        await handle(
            session_factory,
            role_event(
                town.slug, "granted", leaving.user_id, "project_moderator", "project",
                project["id"], username=leaving.username,
            ),
        )  # fmt: skip
        await ok(
            await api.put(f"{url}/access", headers=admin, json={"user_ids": [leaving.user_id]})
        )
        await ok(await api.put(f"{url}/follow", headers=town.headers(leaving)), 204)
        await ok(
            await api.post(
                f"{url}/updates",
                headers=town.headers(leaving),
                json={"title": {"nl": "Van mij"}, "body": {"nl": "<p>Tekst</p>"}},
            ),
            201,
        )

        await handle(
            session_factory,
            event("identity", "user", "erased", town.slug, {"user_id": leaving.user_id}),
        )

        staff_view = await ok(await api.get(url, headers=admin))
        assert staff_view["moderators"] == []
        assert staff_view["allowed_user_ids"] == []
        assert staff_view["follower_count"] == 0
        updates = await ok(await api.get(f"{url}/updates", headers=admin))
        assert updates[0]["title"] == {"nl": "Van mij"}
        assert updates[0]["posted_by_username"] is None
        snapshot = (await emitted(session_factory, town.slug, "project.updated", project["id"]))[-1]
        assert leaving.user_id not in snapshot["moderator_user_ids"] + snapshot["allowed_user_ids"]
