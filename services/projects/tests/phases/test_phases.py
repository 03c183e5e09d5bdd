"""Phase validation: no overlaps (even concurrent), settings that fit the method, and a
method that stays fixed once people have taken part."""

import asyncio
import uuid

import pytest
from inspraak_projects.phases.models import Phase
from sqlalchemy.exc import IntegrityError

from tests.support.api import complete_project, make_department, ok, phase, publish, soon

pytestmark = pytest.mark.keycloak

QUESTION = {"type": "single_choice", "text": {"nl": "Welke?", "fr": "Lequel?"}, "options": [
    {"text": {"nl": "A", "fr": "A"}}, {"text": {"nl": "B", "fr": "B"}},
]}  # fmt: skip


@pytest.fixture
async def draft(api, town) -> dict:
    department = await make_department(api, town)
    admin = town.headers(town.superadmin())
    body = complete_project(town, department["id"])
    return await ok(await api.post("/projects", headers=admin, json=body), 201)


class TestDates:
    async def test_overlapping_phase_is_refused_and_touching_is_fine(self, api, town, draft):
        url = f"/projects/{draft['id']}/phases"
        admin = town.headers(town.superadmin())
        first = await ok(
            await api.post(url, headers=admin, json=phase(town, start_days=1, end_days=5)), 201
        )

        overlap = await api.post(url, headers=admin, json=phase(town, start_days=4, end_days=8))
        assert overlap.status_code == 409
        assert overlap.json()["overlapping_phase_id"] == first["id"]

        touching = phase(town, kind="information", start_days=0, end_days=0)
        touching["starts_at"], touching["ends_at"] = first["ends_at"], soon(9).isoformat()
        await ok(await api.post(url, headers=admin, json=touching), 201)
        timeline = await ok(await api.get(url, headers=admin))
        assert [p["kind"] for p in timeline] == ["ideation", "information"]

    async def test_a_phase_ends_after_it_starts(self, api, town, draft):
        body = phase(town, start_days=5, end_days=2)
        response = await api.post(
            f"/projects/{draft['id']}/phases", headers=town.headers(town.superadmin()), json=body
        )
        assert response.status_code == 422

    async def test_concurrent_overlapping_phases_leave_exactly_one(self, api, town, draft):
        url = f"/projects/{draft['id']}/phases"
        admin = town.headers(town.superadmin())
        responses = await asyncio.gather(
            *(
                api.post(url, headers=admin, json=phase(town, start_days=1 + i / 10, end_days=6))
                for i in range(6)
            )
        )
        assert sorted(r.status_code for r in responses) == [201] + [409] * 5
        assert len(await ok(await api.get(url, headers=admin))) == 1

    async def test_the_database_itself_refuses_overlapping_phases(
        self, session_factory, api, town, draft
    ):
        async with session_factory() as session:
            for start in (1, 2):
                session.add(
                    Phase(
                        tenant=town.slug,
                        project_id=uuid.UUID(draft["id"]),
                        kind="information",
                        starts_at=soon(start),
                        ends_at=soon(start + 3),
                    )
                )
            with pytest.raises(IntegrityError, match="ex_phase_no_overlap"):
                await session.flush()
            await session.rollback()


class TestMethodSettings:
    @pytest.mark.parametrize(
        ("kind", "extra"),
        [
            ("voting", {}),
            ("voting", {"voting": {"method": "multiple"}}),
            ("voting", {"voting": {"method": "budget", "budget": 100, "items": [
                {"title": {"nl": "Bank"}, "cost": 500}]}}),
            ("voting", {"voting": {"method": "support", "max_votes": 3}}),
            ("survey", {"survey": {"questions": [{"type": "text", "text": {"nl": "?"},
                                                  "options": [{"text": {"nl": "x"}}]}]}}),
            ("survey", {"survey": {"questions": [{"type": "matrix", "text": {"nl": "?"},
                                                  "options": QUESTION["options"]}]}}),
            ("poll", {"survey": {"questions": [QUESTION, QUESTION]}}),
            ("poll", {"survey": {"questions": [{"type": "text", "text": {"nl": "?"}}]}}),
            ("scenario_planning", {"scenarios": [{"title": {"nl": "Enige"}}]}),
            ("ideation", {"voting": {"method": "support"}}),
            ("ideation", {"participation": {"who": "areas"}}),
        ],
        ids=[
            "voting-without-rules", "multiple-without-max", "item-over-budget",
            "support-with-max", "text-with-options", "matrix-without-rows", "poll-two-questions",
            "poll-text-question", "one-scenario", "ideation-with-voting", "areas-without-areas",
        ],
    )  # fmt: skip
    async def test_settings_that_do_not_fit_the_method_are_refused(
        self, api, town, draft, kind, extra
    ):
        response = await api.post(
            f"/projects/{draft['id']}/phases",
            headers=town.headers(town.superadmin()),
            json=phase(town, kind, **extra),
        )
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"

    async def test_survey_questions_only_use_the_tenant_languages(self, api, town, draft):
        english = {"type": "text", "text": {"nl": "Wat?", "en": "What?"}}
        response = await api.post(
            f"/projects/{draft['id']}/phases",
            headers=town.headers(town.superadmin()),
            json=phase(town, "survey", survey={"questions": [english]}),
        )
        assert response.status_code == 422
        assert response.json()["field"] == "survey.questions[0].text"

    async def test_each_method_with_its_settings_is_accepted(self, api, town, draft):
        url = f"/projects/{draft['id']}/phases"
        admin = town.headers(town.superadmin())
        matrix = QUESTION | {"type": "matrix", "rows": [{"text": {"nl": "Rij", "fr": "Ligne"}}]}
        methods = [
            ("information", {}),
            ("ideation", {"participation": {"who": "registered"}, "results_visibility": "during"}),
            ("survey", {"survey": {"questions": [
                QUESTION, matrix,
                {"type": "scale", "text": {"nl": "Hoe?", "fr": "Comment?"}, "required": True},
                {"type": "ranking", "text": {"nl": "Rangschik", "fr": "Classez"},
                 "options": QUESTION["options"]},
                {"type": "text", "text": {"nl": "Nog iets?", "fr": "Autre chose?"}},
            ]}}),
            ("spatial_plan", {}),
            ("scenario_planning", {"scenarios": [
                {"title": {"nl": "Groen", "fr": "Vert"}}, {"title": {"nl": "Grijs", "fr": "Gris"}},
            ]}),
            ("voting", {"voting": {"method": "budget", "budget": 1000, "items": [
                {"title": {"nl": "Bank", "fr": "Banc"}, "cost": 300}]}}),
            ("poll", {"survey": {"questions": [QUESTION]}}),
        ]  # fmt: skip
        for index, (kind, extra) in enumerate(methods):
            body = phase(town, kind, start_days=index * 2 + 1, end_days=index * 2 + 2, **extra)
            created = await ok(await api.post(url, headers=admin, json=body), 201)
            assert created["kind"] == kind
        timeline = await ok(await api.get(url, headers=admin))
        survey = timeline[2]["survey"]["questions"]
        assert [q["type"] for q in survey] == [
            "single_choice",
            "matrix",
            "scale",
            "ranking",
            "text",
        ]
        assert all(q["id"] for q in survey), "questions get stable ids"
        assert timeline[5]["voting"]["items"][0]["cost"] == 300


class TestInputFixesTheMethod:
    async def test_method_cannot_change_after_input_arrived(self, api, town, draft, nats_client):
        url = f"/projects/{draft['id']}/phases"
        admin = town.headers(town.superadmin())
        created = await ok(await api.post(url, headers=admin, json=phase(town)), 201)

        # contributions announces the first idea in this phase, over NATS.
        await publish(
            nats_client,
            "contributions",
            "input",
            "created",
            town.slug,
            {"input_id": str(uuid.uuid4()), "project_id": draft["id"], "phase_id": created["id"]},
        )
        async with asyncio.timeout(15):
            while not (await ok(await api.get(url, headers=admin)))[0]["has_input"]:
                await asyncio.sleep(0.1)

        change = await api.patch(
            f"{url}/{created['id']}", headers=admin, json={"method": {"kind": "information"}}
        )
        assert change.status_code == 409
        assert change.json()["type"].endswith("phase-has-input")
        assert (await api.delete(f"{url}/{created['id']}", headers=admin)).status_code == 409
        retitled = await api.patch(
            f"{url}/{created['id']}", headers=admin, json={"title": town.text("Ideeën")}
        )
        assert retitled.status_code == 200
        assert retitled.json()["kind"] == "ideation"

    async def test_method_can_change_before_anyone_took_part(self, api, town, draft):
        url = f"/projects/{draft['id']}/phases"
        admin = town.headers(town.superadmin())
        created = await ok(await api.post(url, headers=admin, json=phase(town)), 201)
        body = {"method": {"kind": "voting", "voting": {"method": "multiple", "max_votes": 3}}}
        changed = await ok(await api.patch(f"{url}/{created['id']}", headers=admin, json=body))
        assert changed["voting"]["max_votes"] == 3
        await ok(await api.delete(f"{url}/{created['id']}", headers=admin), 204)
