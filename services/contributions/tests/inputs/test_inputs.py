"""Inputs: posted only in an open ideation or spatial plan phase, inside the project's area."""

from datetime import UTC, datetime, timedelta

import pytest
from inspraak_contributions.inputs.models import Input
from sqlalchemy import update

from tests.conftest import outbox_events
from tests.support.projects import AREA, new_project_id, phase, snapshot

INSIDE = {"type": "Point", "coordinates": [4.45, 51.25]}
OUTSIDE = {"type": "Point", "coordinates": [4.60, 51.25]}


@pytest.fixture(scope="module")
async def project(apply_project) -> str:
    project_id = new_project_id()
    phases = [
        phase("idea", "ideation"),
        phase("map", "spatial_plan"),
        phase("later", "ideation", "future"),
        phase("past", "ideation", "ended"),
        phase("vote", "voting", voting={"method": "support"}),
    ]
    await apply_project(
        snapshot(
            project_id,
            phases,
            area_geometry=AREA,
            topics=["mobility", "green"],
            areas=["north", "south"],
        )
    )
    return project_id


def idea(**overrides) -> dict:
    return {"title": "More trees on the square", "body": "<p>Shade in summer.</p>", **overrides}


class TestPosting:
    async def test_resident_posts_an_idea_that_everyone_can_read(
        self, api, project, session_factory
    ):
        body = '<p>Shade <strong>please</strong></p><script>alert(1)</script><a href="javascript:x">x</a>'
        created = await api.request(
            "POST",
            f"/projects/{project}/phases/idea/inputs",
            "rita",
            json=idea(body=body, topic_id="green", area_id="north"),
        )
        assert created.status_code == 201, created.text
        item = created.json()
        assert item["author"] == {
            "username": "rita",
            "former_participant": False,
            "display": {"nl": "rita", "fr": "rita", "en": "rita"},
        }
        assert "<script>" not in item["body"]
        assert "javascript:" not in item["body"]
        assert "<strong>please</strong>" in item["body"]
        assert item["status"] == "proposed"
        anonymous = await api.request("GET", f"/projects/{project}/inputs/{item['input_id']}")
        assert anonymous.status_code == 200
        assert anonymous.json()["mine"] is False
        assert "user_id" not in str(anonymous.json()["author"])
        [event] = await outbox_events(session_factory, "input.created", item["input_id"])
        assert event.data["author_user_id"] == api.user_id("rita")
        assert event.data["version"] == 1
        assert event.data["counts"] == {"comments": 0, "up": 0, "down": 0, "votes": 0}

    async def test_a_body_that_is_only_markup_is_refused(self, api, project):
        response = await api.request(
            "POST",
            f"/projects/{project}/phases/idea/inputs",
            "rita",
            json=idea(body="<script>alert(1)</script>"),
        )
        assert response.status_code == 422
        assert response.json()["type"] == "urn:inspraak:problem:empty-body"

    async def test_unknown_topic_is_refused(self, api, project):
        response = await api.request(
            "POST", f"/projects/{project}/phases/idea/inputs", "rita", json=idea(topic_id="opera")
        )
        assert response.status_code == 422
        assert response.json()["type"] == "urn:inspraak:problem:unknown-topic"

    async def test_missing_title_is_a_validation_problem(self, api, project):
        response = await api.request(
            "POST", f"/projects/{project}/phases/idea/inputs", "rita", json={"body": "x"}
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"


class TestSpatialPlan:
    async def test_point_inside_the_area_is_accepted(self, api, project):
        response = await api.request(
            "POST", f"/projects/{project}/phases/map/inputs", "rob", json=idea(location=INSIDE)
        )
        assert response.status_code == 201, response.text
        assert response.json()["location"] == INSIDE

    async def test_point_outside_the_area_is_refused_with_a_clear_message(self, api, project):
        response = await api.request(
            "POST", f"/projects/{project}/phases/map/inputs", "rob", json=idea(location=OUTSIDE)
        )
        assert response.status_code == 422
        problem = response.json()
        assert problem["type"] == "urn:inspraak:problem:location-outside-area"
        assert set(problem["messages"]) == {"nl", "fr", "en"}

    async def test_area_crossing_the_border_is_refused(self, api, project):
        crossing = {
            "type": "Polygon",
            "coordinates": [[[4.45, 51.25], [4.55, 51.25], [4.55, 51.28], [4.45, 51.25]]],
        }
        response = await api.request(
            "POST", f"/projects/{project}/phases/map/inputs", "rob", json=idea(location=crossing)
        )
        assert response.status_code == 422

    async def test_spatial_input_needs_a_location(self, api, project):
        response = await api.request(
            "POST", f"/projects/{project}/phases/map/inputs", "rob", json=idea()
        )
        assert response.status_code == 422
        assert response.json()["type"] == "urn:inspraak:problem:location-required"

    async def test_broken_geojson_is_a_validation_problem(self, api, project):
        broken = {"type": "Point", "coordinates": ["east", "north"]}
        response = await api.request(
            "POST", f"/projects/{project}/phases/map/inputs", "rob", json=idea(location=broken)
        )
        assert response.status_code == 422


class TestPhaseWindows:
    @pytest.mark.parametrize(
        ("phase_id", "problem"),
        [
            ("later", "phase-not-started"),
            ("past", "phase-ended"),
            ("vote", "wrong-phase-method"),
        ],
    )
    async def test_input_outside_an_open_ideation_phase_is_refused(
        self, api, project, phase_id, problem
    ):
        response = await api.request(
            "POST", f"/projects/{project}/phases/{phase_id}/inputs", "rita", json=idea()
        )
        assert response.status_code == 409
        assert response.json()["type"] == f"urn:inspraak:problem:{problem}"
        assert set(response.json()["messages"]) == {"nl", "fr", "en"}

    async def test_archived_project_takes_no_input(self, api, apply_project):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("idea", "ideation")], status="archived"))
        response = await api.request(
            "POST", f"/projects/{project_id}/phases/idea/inputs", "rita", json=idea()
        )
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:project-closed"

    async def test_unknown_phase_is_not_found(self, api, project):
        response = await api.request(
            "POST", f"/projects/{project}/phases/nope/inputs", "rita", json=idea()
        )
        assert response.status_code == 404


class TestEditing:
    async def _post(self, api, project, user="ruth") -> dict:
        response = await api.request(
            "POST", f"/projects/{project}/phases/idea/inputs", user, json=idea()
        )
        assert response.status_code == 201
        return response.json()

    async def test_author_edits_within_the_grace_period(self, api, project, session_factory):
        item = await self._post(api, project)
        path = f"/projects/{project}/inputs/{item['input_id']}"
        edited = await api.request("PATCH", path, "ruth", json={"title": "Even more trees"})
        assert edited.status_code == 200
        assert (edited.json()["title"], edited.json()["version"]) == ("Even more trees", 2)
        [event] = await outbox_events(session_factory, "input.updated", item["input_id"])
        assert event.data["version"] == 2

    async def test_someone_else_cannot_edit(self, api, project):
        item = await self._post(api, project)
        path = f"/projects/{project}/inputs/{item['input_id']}"
        response = await api.request("PATCH", path, "rita", json={"title": "Mine now"})
        assert response.status_code == 403

    async def test_no_edit_after_the_grace_period(self, api, project, session_factory):
        item = await self._post(api, project)
        async with session_factory() as session:
            await session.exec(
                update(Input)
                .where(Input.input_id == item["input_id"])
                .values(created_at=datetime.now(UTC) - timedelta(minutes=16))
            )
            await session.commit()
        path = f"/projects/{project}/inputs/{item['input_id']}"
        response = await api.request("PATCH", path, "ruth", json={"title": "Too late now"})
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:edit-period-over"
        assert (await api.request("DELETE", path, "ruth")).status_code == 409

    async def test_author_deletes_within_the_grace_period(self, api, project, session_factory):
        item = await self._post(api, project)
        path = f"/projects/{project}/inputs/{item['input_id']}"
        assert (await api.request("DELETE", path, "ruth")).status_code == 204
        assert (await api.request("GET", path, "ruth")).status_code == 404
        [event] = await outbox_events(session_factory, "input.deleted", item["input_id"])
        assert event.data["deleted"] is True


class TestListing:
    async def test_cursor_pages_through_all_inputs_newest_first(self, api, apply_project):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("idea", "ideation")]))
        titles = [f"Idea number {n}" for n in range(5)]
        for title in titles:
            response = await api.request(
                "POST", f"/projects/{project_id}/phases/idea/inputs", "rita", json=idea(title=title)
            )
            assert response.status_code == 201
        seen, cursor = [], None
        while True:
            params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
            page = (
                await api.request("GET", f"/projects/{project_id}/inputs", params=params)
            ).json()
            seen += [i["title"] for i in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == list(reversed(titles))

    async def test_a_forged_cursor_is_a_validation_problem(self, api, project):
        response = await api.request(
            "GET", f"/projects/{project}/inputs", params={"cursor": "bm9wZQ=="}
        )
        assert response.status_code == 422
