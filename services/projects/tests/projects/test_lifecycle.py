"""The project lifecycle: draft, (approval,) published, archived; publication needs its fields."""

import pytest

from tests.support.api import (
    complete_project,
    emitted,
    make_department,
    ok,
    phase,
)

pytestmark = pytest.mark.keycloak


class TestPublicationWithoutApproval:
    async def test_moderator_publishes_a_complete_project_directly(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        project = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        assert project["status"] == "draft"
        moderator = town.person(
            "lifecycle-mod", scopes=(f"project_moderator:project:{project['id']}",)
        )
        as_moderator = town.headers(moderator)
        await ok(
            await api.post(
                f"/projects/{project['id']}/phases", headers=as_moderator, json=phase(town)
            ),
            201,
        )

        published = await ok(
            await api.post(f"/projects/{project['id']}/publish", headers=as_moderator)
        )

        assert published["status"] == "published"
        assert published["published_at"] is not None
        snapshots = await emitted(session_factory, town.slug, "project.published", project["id"])
        assert [s["status"] for s in snapshots] == ["published"]
        assert snapshots[0]["version"] > project["version"]
        assert snapshots[0]["title"] == project["title"]
        assert len(snapshots[0]["phases"]) == 1

    async def test_publishing_an_incomplete_project_lists_what_is_missing(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        body = {"department_id": department["id"], "title": {"nl": "Alleen Nederlands"}}
        project = await ok(await api.post("/projects", headers=admin, json=body), 201)
        await ok(
            await api.post(f"/projects/{project['id']}/phases", headers=admin, json=phase(town)),
            201,
        )

        response = await api.post(f"/projects/{project['id']}/publish", headers=admin)

        assert response.status_code == 409
        assert response.headers["content-type"] == "application/problem+json"
        problem = response.json()
        assert problem["type"] == "urn:inspraak:problem:project-incomplete"
        assert set(problem["missing"]) >= {
            "title.fr", "summary.nl", "summary.fr", "goal.nl", "goal.fr", "input_use.nl",
            "input_use.fr",
        }  # fmt: skip
        assert "title.nl" not in problem["missing"]
        still = await ok(await api.get(f"/projects/{project['id']}", headers=admin))
        assert still["status"] == "draft"
        assert still["missing_for_publication"] == problem["missing"]

    async def test_a_project_without_phases_cannot_be_published(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        project = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        response = await api.post(f"/projects/{project['id']}/publish", headers=admin)
        assert response.status_code == 409
        assert response.json()["missing"] == ["phases"]

    async def test_submitting_for_approval_is_refused_where_none_is_needed(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        project = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        response = await api.post(f"/projects/{project['id']}/submit", headers=admin)
        assert response.status_code == 409
        assert response.json()["type"].endswith("approval-not-required")


class TestPublicationWithApproval:
    async def _draft_with_team(self, api, city):
        department = await make_department(api, city)
        admin = city.headers(city.superadmin())
        project = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(city, department["id"])
            ),
            201,
        )
        await ok(
            await api.post(f"/projects/{project['id']}/phases", headers=admin, json=phase(city)),
            201,
        )
        moderator = city.person(
            f"mod-{project['id'][:8]}", scopes=(f"project_moderator:project:{project['id']}",)
        )
        head = city.person(
            f"head-{department['id'][:8]}",
            scopes=(f"department_head:department:{department['id']}",),
        )
        return project, moderator, head

    async def test_moderator_submits_head_sends_back_then_approves(
        self, api, city, session_factory
    ):
        project, moderator, head = await self._draft_with_team(api, city)
        url = f"/projects/{project['id']}"

        refused = await api.post(f"{url}/publish", headers=city.headers(moderator))
        assert refused.status_code == 409
        assert refused.json()["type"].endswith("approval-required")

        submitted = await ok(await api.post(f"{url}/submit", headers=city.headers(moderator)))
        assert submitted["status"] == "awaiting_approval"
        # A moderator does not approve their own page.
        assert (
            await api.post(f"{url}/approve", headers=city.headers(moderator))
        ).status_code == 403

        back = await ok(
            await api.post(
                f"{url}/send-back", headers=city.headers(head), json={"comment": "Add a map"}
            )
        )
        assert back["status"] == "draft"
        assert back["approvals"][0]["decision"] == "sent_back"
        assert back["approvals"][0]["comment"] == "Add a map"
        assert back["approvals"][0]["decided_by_username"] == head.username

        await ok(await api.post(f"{url}/submit", headers=city.headers(moderator)))
        approved = await ok(await api.post(f"{url}/approve", headers=city.headers(head), json={}))
        assert approved["status"] == "published"

        decided = await emitted(
            session_factory, city.slug, "project.approval_decided", project["id"]
        )
        assert [(d["decision"], d["decided_by_user_id"]) for d in decided] == [
            ("sent_back", head.user_id),
            ("approved", head.user_id),
        ]
        requested = await emitted(
            session_factory, city.slug, "project.approval_requested", project["id"]
        )
        assert len(requested) == 2
        published = await emitted(session_factory, city.slug, "project.published", project["id"])
        assert published[-1]["status"] == "published"
        versions = [d["version"] for d in requested + decided]
        assert len(set(versions)) == len(versions), "every change has a version of its own"

    async def test_head_of_another_department_cannot_approve(self, api, city):
        project, moderator, _ = await self._draft_with_team(api, city)
        other_department = await make_department(api, city)
        stranger = city.person(
            f"head-{other_department['id'][:8]}",
            scopes=(f"department_head:department:{other_department['id']}",),
        )
        await ok(
            await api.post(f"/projects/{project['id']}/submit", headers=city.headers(moderator))
        )
        response = await api.post(
            f"/projects/{project['id']}/approve", headers=city.headers(stranger)
        )
        assert response.status_code == 404  # a draft of another department is not theirs to see

    async def test_send_back_needs_a_comment(self, api, city):
        project, moderator, head = await self._draft_with_team(api, city)
        await ok(
            await api.post(f"/projects/{project['id']}/submit", headers=city.headers(moderator))
        )
        response = await api.post(
            f"/projects/{project['id']}/send-back", headers=city.headers(head), json={"comment": ""}
        )
        assert response.status_code == 422


class TestArchiving:
    async def test_archived_project_stays_readable_and_no_longer_changes(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        project = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        await ok(
            await api.post(f"/projects/{project['id']}/phases", headers=admin, json=phase(town)),
            201,
        )
        await ok(await api.post(f"/projects/{project['id']}/publish", headers=admin))

        archived = await ok(await api.post(f"/projects/{project['id']}/archive", headers=admin))

        assert archived["status"] == "archived"
        assert (
            await api.get(f"/projects/{project['id']}", headers=town.headers())
        ).status_code == 200
        edit = await api.patch(
            f"/projects/{project['id']}", headers=admin, json={"summary": town.text("new")}
        )
        assert edit.status_code == 409
