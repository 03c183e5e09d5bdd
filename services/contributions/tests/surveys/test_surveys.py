"""Surveys: drafts saved, answers checked against the questions, submitted once per phase."""

import asyncio
import secrets
from collections import Counter

import pytest

from tests.support.projects import new_project_id, snapshot, survey_phase

COMPLETE = {"q1": "a", "q2": ["x", "y"], "q3": 4, "q4": "More benches", "q5": ["r2", "r1", "r3"]}


@pytest.fixture(scope="module")
async def project(apply_project) -> str:
    project_id = new_project_id()
    phases = [survey_phase("survey"), survey_phase("empty", questions=[])]
    await apply_project(snapshot(project_id, phases))
    return project_id


def _path(project_id: str, phase_id: str = "survey") -> str:
    return f"/projects/{project_id}/phases/{phase_id}/survey-response"


class TestAnswering:
    async def test_draft_then_submission_once(self, api, project):
        draft = await api.request("PUT", _path(project), "rob", json={"answers": {"q1": "b"}})
        assert (draft.status_code, draft.json()["status"]) == (200, "draft")
        incomplete = await api.request("POST", f"{_path(project)}/submission", "rob", json={})
        assert incomplete.status_code == 422
        assert incomplete.json()["question_ids"] == ["q3"]
        await api.request("PUT", _path(project), "rob", json={"answers": {"q1": "b", "q3": 2}})
        submitted = await api.request("POST", f"{_path(project)}/submission", "rob", json={})
        assert submitted.status_code == 201, submitted.text
        assert submitted.json()["answers"] == {"q1": "b", "q3": 2}
        again = await api.request(
            "POST", f"{_path(project)}/submission", "rob", json={"answers": COMPLETE}
        )
        assert again.status_code == 409
        assert again.json()["type"] == "urn:inspraak:problem:already-submitted"
        redraft = await api.request("PUT", _path(project), "rob", json={"answers": COMPLETE})
        assert redraft.status_code == 409
        mine = await api.request("GET", _path(project), "rob")
        assert mine.json()["status"] == "submitted"

    @pytest.mark.parametrize(
        "answers",
        [
            {"q1": "d"},
            {"q2": ["x", "x"]},
            {"q3": 7},
            {"q3": True},
            {"q5": ["r1", "r2"]},
            {"q6": {"park": "good"}},
            {"q6": {"park": "good", "street": "meh"}},
            {"q9": "a"},
        ],
    )
    async def test_answers_that_do_not_fit_the_question_are_refused(self, api, project, answers):
        response = await api.request("PUT", _path(project), "ruth", json={"answers": answers})
        assert response.status_code == 422
        assert response.json()["type"].endswith(("invalid-answer", "validation-failed"))

    async def test_survey_without_questions_takes_no_answers(self, api, project):
        response = await api.request("PUT", _path(project, "empty"), "ruth", json={"answers": {}})
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:survey-not-available"


class TestConcurrentSubmissions:
    async def test_parallel_submissions_count_once(self, api, project):
        responses = await asyncio.gather(
            *(
                api.request(
                    "POST", f"{_path(project)}/submission", "voter05", json={"answers": COMPLETE}
                )
                for _ in range(10)
            )
        )
        assert Counter(r.status_code for r in responses) == {201: 1, 409: 9}

    async def test_retried_submission_with_its_key_gets_the_same_answer(self, api, project):
        results_path = f"/projects/{project}/phases/survey/results"
        before = (await api.request("GET", results_path, "sam")).json()["survey"]["respondents"]
        key = secrets.token_hex(8)
        responses = await asyncio.gather(
            *(
                api.request(
                    "POST",
                    f"{_path(project)}/submission",
                    "voter06",
                    json={"answers": COMPLETE},
                    headers={"Idempotency-Key": key},
                )
                for _ in range(10)
            )
        )
        assert {r.status_code for r in responses} == {201}
        assert len({r.text for r in responses}) == 1
        after = (await api.request("GET", results_path, "sam")).json()["survey"]["respondents"]
        assert after == before + 1
