"""Phases for certain areas admit only people who declared one of those areas.

The area comes from the real token's `inspraak_area` claim (a Keycloak user attribute that
identity sets when a person declares their neighbourhood).
"""

import base64
import json

import pytest

from tests.support.areas import HARBOUR, NORTH
from tests.support.projects import (
    SCENARIOS,
    new_project_id,
    phase,
    scenario_phase,
    snapshot,
    survey_phase,
    voting,
)

# nina (NORTH) and hugo (HARBOUR, sent in upper case by the phase) live in the phases'
# areas, olaf (SOUTH) in another, and rob declared none (tests/support/areas.py).
AREAS = {"who": "areas", "area_ids": [NORTH, HARBOUR.upper()]}
ITEMS = [{"id": "bench", "title": {"nl": "Bank"}, "cost": 300}]


@pytest.fixture(scope="module")
async def neighbourhood(api, apply_project) -> tuple[str, str]:
    """A project whose open phases are all for NORTH and HARBOUR, and an input in it."""
    project_id = new_project_id()
    phases = [
        phase("idea", "ideation", participation=AREAS),
        phase("vote", "voting", voting=voting("support"), participation=AREAS),
        phase(
            "budget",
            "voting",
            voting=voting("budget", budget="1000") | {"items": ITEMS},
            participation=AREAS,
        ),
        survey_phase("survey") | {"participation": AREAS},
        scenario_phase("rank") | {"participation": AREAS},
    ]
    await apply_project(snapshot(project_id, phases))
    created = await api.request(
        "POST",
        f"/projects/{project_id}/phases/idea/inputs",
        "hugo",
        json={"title": "A crossing at the harbour", "body": "b"},
    )
    assert created.status_code == 201, created.text
    return project_id, created.json()["input_id"]


# (action, method, path, body, status when admitted)
ACTIONS = [
    ("post input", "POST", "/phases/idea/inputs", {"title": "Local idea", "body": "b"}, 201),
    ("vote", "POST", "/phases/vote/votes", {"input_id": "{input}"}, 201),
    ("basket", "PUT", "/phases/budget/basket", {"input_ids": ["bench"]}, 200),
    ("survey", "PUT", "/phases/survey/survey-response", {"answers": {"q1": "a"}}, 200),
    (
        "rank",
        "PUT",
        "/phases/rank/scenario-ranking",
        {"ranking": [s["scenario_id"] for s in SCENARIOS]},
        200,
    ),
    ("comment", "POST", "/inputs/{input}/comments", {"body": "Good for us"}, 201),
    ("react", "PUT", "/inputs/{input}/reaction", {"value": "up"}, 200),
]
PEOPLE = {
    "anonymous": (401, None),
    "rob": (403, "area-not-declared"),
    "olaf": (403, "area-not-eligible"),
    "nina": (None, None),
}
CASES = [
    pytest.param(method, path, body, person, ok, id=f"{action}-{person}")
    for action, method, path, body, ok in ACTIONS
    for person in PEOPLE
]


def _fill(value, input_id: str):
    if isinstance(value, dict):
        return {k: _fill(v, input_id) for k, v in value.items()}
    return value.replace("{input}", input_id) if isinstance(value, str) else value


def _claims(token: str) -> dict:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


class TestAreaEligibility:
    def test_the_token_carries_the_declared_area(self, api):
        assert _claims(api.realm.token("nina"))["inspraak_area"] == NORTH
        assert "inspraak_area" not in _claims(api.realm.token("rob"))

    @pytest.mark.parametrize(("method", "path", "body", "person", "ok"), CASES)
    async def test_only_residents_of_the_phase_areas_take_part(
        self, api, neighbourhood, method, path, body, person, ok
    ):
        project_id, input_id = neighbourhood
        status, slug = PEOPLE[person]
        response = await api.request(
            method,
            f"/projects/{project_id}{_fill(path, input_id)}",
            None if person == "anonymous" else person,
            json=_fill(body, input_id),
        )
        assert response.status_code == (status or ok), response.text
        if slug is not None:
            problem = response.json()
            assert problem["type"] == f"urn:inspraak:problem:{slug}"
            assert set(problem["messages"]) == {"nl", "fr", "en"}

    async def test_refusal_tells_the_person_to_set_their_neighbourhood(self, api, neighbourhood):
        project_id, _ = neighbourhood
        response = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "rob",
            json={"title": "No area", "body": "b"},
        )
        messages = response.json()["messages"]
        assert "profile" in messages["en"]
        assert "neighbourhood" in messages["en"]
        assert "profiel" in messages["nl"]
        assert "profil" in messages["fr"]

    async def test_area_sent_in_another_case_still_matches(self, api, neighbourhood):
        project_id, _ = neighbourhood
        response = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "hugo",
            json={"title": "Another harbour idea", "body": "b"},
        )
        assert response.status_code == 201, response.text

    async def test_staff_still_reply_officially_and_moderate(self, api, neighbourhood):
        project_id, input_id = neighbourhood
        reply = await api.request(
            "POST",
            f"/projects/{project_id}/inputs/{input_id}/comments",
            "sam",
            json={"body": "We will look into it", "official": True},
        )
        assert reply.status_code == 201, reply.text
        status = await api.request(
            "POST",
            f"/projects/{project_id}/inputs/{input_id}/status",
            "sam",
            json={"status": "under_consideration"},
        )
        assert status.status_code == 200, status.text

    async def test_phases_for_registered_people_ignore_the_area(self, api, apply_project):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("idea", "ideation")]))
        for person in ("rob", "olaf"):
            response = await api.request(
                "POST",
                f"/projects/{project_id}/phases/idea/inputs",
                person,
                json={"title": f"Idea of {person}", "body": "b"},
            )
            assert response.status_code == 201, response.text
