"""Scenario planning: every scenario ranked once, changeable until the phase ends."""

import pytest

from tests.support.projects import new_project_id, scenario_phase, snapshot


@pytest.fixture(scope="module")
async def project(apply_project) -> str:
    project_id = new_project_id()
    await apply_project(
        snapshot(project_id, [scenario_phase("rank"), scenario_phase("done", "ended")])
    )
    return project_id


class TestRanking:
    async def test_ranking_can_be_changed_and_counts_once(self, api, project):
        path = f"/projects/{project}/phases/rank/scenario-ranking"
        first = await api.request("PUT", path, "rob", json={"ranking": ["s1", "s2", "s3"]})
        assert first.status_code == 200, first.text
        second = await api.request("PUT", path, "rob", json={"ranking": ["s3", "s1", "s2"]})
        assert second.json()["ranking"] == ["s3", "s1", "s2"]
        results = await api.request("GET", f"/projects/{project}/phases/rank/results", "pim")
        assert results.json()["scenarios"]["rankings"] == 1

    @pytest.mark.parametrize("ranking", [["s1", "s2"], ["s1", "s2", "s2"], ["s1", "s2", "s9"]])
    async def test_incomplete_or_unknown_rankings_are_refused(self, api, project, ranking):
        path = f"/projects/{project}/phases/rank/scenario-ranking"
        response = await api.request("PUT", path, "ruth", json={"ranking": ranking})
        assert response.status_code == 422

    async def test_no_ranking_after_the_phase(self, api, project):
        path = f"/projects/{project}/phases/done/scenario-ranking"
        response = await api.request("PUT", path, "ruth", json={"ranking": ["s1", "s2", "s3"]})
        assert response.status_code == 409
