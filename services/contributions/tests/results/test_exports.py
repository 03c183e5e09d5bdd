"""Exports open in standard readers, match the results, and carry usernames only for moderators."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.results.conftest import RANKINGS
from tests.support.projects import new_project_id, phase, snapshot


async def _export(api, fixture, dataset: str, user: str, **params) -> bytes:
    response = await api.request(
        "GET", f"/projects/{fixture.project_id}/exports/{dataset}", user, params=params
    )
    assert response.status_code == 200, response.text
    return response.content


def _csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def _xlsx(content: bytes) -> list[dict]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


class TestFormats:
    @pytest.mark.parametrize("export_format", ["csv", "xlsx"])
    async def test_vote_export_matches_the_results(self, api, filled, export_format):
        content = await _export(
            api, filled, "votes", "pim", format=export_format, phase_id="support"
        )
        rows = _csv(content) if export_format == "csv" else _xlsx(content)
        exported = {r["input_id"]: int(r["votes"]) for r in rows}
        results = await api.request(
            "GET", f"/projects/{filled.project_id}/phases/support/results", "pim"
        )
        assert exported == {t["input_id"]: t["votes"] for t in results.json()["voting"]["tallies"]}

    async def test_survey_answers_export_has_one_row_per_response(self, api, filled):
        rows = _xlsx(
            await _export(api, filled, "survey_answers", "dora", format="xlsx", phase_id="survey")
        )
        assert len(rows) == 4
        assert sorted(r["q1"] for r in rows) == ["a", "a", "b", "c"]
        assert {r["q4"] for r in rows} >= {"More benches", "Less cars"}


class TestPersonalData:
    async def test_moderators_see_authors_policy_makers_do_not(self, api, filled):
        for_moderator = _csv(await _export(api, filled, "inputs", "dora"))
        for_policy = _csv(await _export(api, filled, "inputs", "pim"))
        assert {r["author_username"] for r in for_moderator} == {"rita"}
        assert "author_username" not in for_policy[0]
        assert len(for_policy) == len(for_moderator) == 3
        counts = {r["input_id"]: int(r["votes"]) for r in for_policy}
        # Votes over both voting phases: A 3+2, B 1+2, C 0+3.
        name = {v: k for k, v in filled.inputs.items()}
        assert {name[k]: v for k, v in counts.items()} == {"A": 5, "B": 3, "C": 3}

    async def test_residents_cannot_export(self, api, filled):
        response = await api.request("GET", f"/projects/{filled.project_id}/exports/inputs", "rob")
        assert response.status_code == 403

    async def test_a_formula_in_a_title_is_defused(self, api, apply_project):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("idea", "ideation")]))
        base = f"/projects/{project_id}"
        created = await api.request(
            "POST",
            f"{base}/phases/idea/inputs",
            "ruth",
            json={"title": '=HYPERLINK("http://x")', "body": "text"},
        )
        assert created.status_code == 201
        response = await api.request("GET", f"{base}/exports/inputs", "pim")
        [row] = _csv(response.content)
        assert row["title"].startswith("'=")


class TestScenarioRankings:
    @pytest.mark.parametrize("export_format", ["csv", "xlsx"])
    async def test_one_row_per_ranked_scenario_matching_the_results(
        self, api, filled, export_format
    ):
        content = await _export(api, filled, "scenario_rankings", "pim", format=export_format)
        rows = _csv(content) if export_format == "csv" else _xlsx(content)

        assert len(rows) == 3 * 3
        assert {r["phase_id"] for r in rows} == {"scenarios"}
        by_participant: dict[str, list[tuple[int, str]]] = {}
        for r in rows:
            by_participant.setdefault(str(r["participant"]), []).append(
                (int(r["rank"]), r["scenario_id"])
            )
            assert r["ranked_at"]
        rankings = sorted([sid for _, sid in sorted(ranked)] for ranked in by_participant.values())
        assert rankings == sorted(RANKINGS.values())
        titles = {r["scenario_id"]: r["scenario_title"] for r in rows}
        assert titles == {"s1": "nl: Park", "s2": "nl: Parking", "s3": "nl: Houses"}
        # The same figures as the phase's results: average rank per scenario.
        results = await api.request(
            "GET", f"/projects/{filled.project_id}/phases/scenarios/results", "pim"
        )
        averages = {
            s["scenario_id"]: s["average_rank"] for s in results.json()["scenarios"]["scenarios"]
        }
        assert set(averages) == {"s1", "s2", "s3"}
        for scenario_id, average in averages.items():
            ranks = [int(r["rank"]) for r in rows if r["scenario_id"] == scenario_id]
            assert round(sum(ranks) / len(ranks), 2) == average

    async def test_who_ranked_is_not_in_the_export_even_for_moderators(self, api, filled):
        content = await _export(api, filled, "scenario_rankings", "dora", phase_id="scenarios")

        text = content.decode("utf-8-sig")
        assert not any(name in text for name in RANKINGS)
        assert _csv(content)[0].keys() == {
            "phase_id",
            "participant",
            "ranked_at",
            "rank",
            "scenario_id",
            "scenario_title",
        }
        assert sorted({r["participant"] for r in _csv(content)}) == ["1", "2", "3"]

    async def test_residents_cannot_export_rankings(self, api, filled):
        response = await api.request(
            "GET", f"/projects/{filled.project_id}/exports/scenario_rankings", "rob"
        )
        assert response.status_code == 403

    async def test_a_phase_that_is_not_scenario_planning_is_refused(self, api, filled):
        response = await api.request(
            "GET",
            f"/projects/{filled.project_id}/exports/scenario_rankings",
            "pim",
            params={"phase_id": "survey"},
        )
        assert response.status_code == 409, response.text
        assert response.json()["type"].endswith("wrong-phase-method")
