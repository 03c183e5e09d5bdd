"""The project read model: kept from the projects service's snapshots, never rolled back."""

from inspraak_contributions.projects.models import Phase, Project
from sqlmodel import select

from tests.conftest import eventually, publish
from tests.support.projects import new_project_id, phase, project_event, snapshot


class TestSnapshots:
    async def test_an_older_snapshot_never_replaces_a_newer_one(
        self, apply_project, session_factory, realm
    ):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("ph-a", "ideation")], version=2))
        await apply_project(
            snapshot(project_id, [phase("ph-old", "survey")], version=1, status="draft")
        )
        async with session_factory() as session:
            project = await session.get(Project, (realm.name, project_id))
            phases = (await session.exec(select(Phase).where(Phase.project_id == project_id))).all()
        assert (project.version, project.status) == (2, "published")
        assert [p.phase_id for p in phases] == ["ph-a"]

    async def test_a_newer_snapshot_replaces_the_phases(self, apply_project, api):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("ph-1", "ideation")], version=1))
        newer = [
            phase("ph-1", "ideation", "ended"),
            phase("ph-2", "voting", voting={"method": "support"}),
        ]
        await apply_project(snapshot(project_id, newer, version=3))
        response = await api.request("GET", f"/projects/{project_id}/phases")
        assert response.status_code == 200
        listed = {p["phase_id"]: p for p in response.json()}
        assert set(listed) == {"ph-1", "ph-2"}
        assert listed["ph-1"]["is_open"] is False
        assert listed["ph-2"]["is_open"] is True
        assert listed["ph-2"]["voting_method"] == "support"

    async def test_an_event_without_a_snapshot_is_passed_over(self, apply_project, api):
        project_id = new_project_id()
        await apply_project({"project_id": project_id, "phase_id": "x"}, verb="phase_ended")
        assert (await api.request("GET", f"/projects/{project_id}/phases")).status_code == 404

    async def test_unknown_project_is_not_found(self, api):
        response = await api.request("GET", "/projects/p-nowhere/inputs", "rita")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


class TestProjectsServiceShape:
    async def test_phase_settings_as_the_projects_service_sends_them(self, apply_project, api):
        """Ids as `id`, options as {id, text}, costed budget items, participation, results."""
        project_id = new_project_id()
        survey = {
            "questions": [
                {
                    "id": "colour",
                    "type": "single_choice",
                    "text": {"nl": "Kleur?"},
                    "required": True,
                    "options": [
                        {"id": "red", "text": {"nl": "Rood"}},
                        {"id": "blue", "text": {"nl": "Blauw"}},
                    ],
                    "rows": [],
                }
            ]
        }
        phases = [
            phase("s", "survey", survey_id="s", survey=survey, voting=None, scenarios=None),
            phase(
                "b",
                "voting",
                voting={
                    "method": "budget",
                    "max_votes": None,
                    "budget": 1000,
                    "currency": "EUR",
                    "items": [
                        {"id": "bench", "title": {"nl": "Bank"}, "description": {}, "cost": 300}
                    ],
                },
                participation={"who": "registered", "area_ids": []},
                results_visibility="after",
            ),
        ]
        await apply_project(snapshot(project_id, phases) | {"allowed_user_ids": []})
        listed = {
            p["phase_id"]: p
            for p in (await api.request("GET", f"/projects/{project_id}/phases")).json()
        }
        assert listed["b"]["budget_items"] == [
            {"item_id": "bench", "title": {"nl": "Bank"}, "cost": "300"}
        ]
        assert listed["b"]["results_visibility"] == "after"
        answered = await api.request(
            "POST",
            f"/projects/{project_id}/phases/s/survey-response/submission",
            "rob",
            json={"answers": {"colour": "blue"}},
        )
        assert answered.status_code == 201, answered.text


class TestThroughNats:
    async def test_published_then_hidden_project_arrives_through_the_consumer(
        self, api, nats_client, realm
    ):
        """End to end: events on JetStream, the service's own consumer, its read model."""
        project_id = new_project_id()
        data = snapshot(project_id, [phase("ph-idea", "ideation")], version=1)
        await publish(nats_client, project_event(realm.name, data, "published"))

        async def visible() -> bool:
            response = await api.request("GET", f"/projects/{project_id}/inputs", "rita")
            return response.status_code == 200

        await eventually(visible)
        hidden = snapshot(
            project_id, [phase("ph-idea", "ideation")], version=2, visibility="hidden"
        )
        await publish(nats_client, project_event(realm.name, hidden, "visibility_changed"))

        async def gone_for_residents() -> bool:
            response = await api.request("GET", f"/projects/{project_id}/inputs", "rita")
            return response.status_code == 404

        await eventually(gone_for_residents)
        staff = await api.request("GET", f"/projects/{project_id}/inputs", "pim")
        assert staff.status_code == 200, "staff still follow a hidden project"
