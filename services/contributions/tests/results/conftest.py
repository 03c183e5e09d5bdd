"""One project with known contributions, whose result figures were computed by hand."""

from dataclasses import dataclass

import pytest

from tests.support.projects import (
    new_project_id,
    phase,
    scenario_phase,
    snapshot,
    survey_phase,
    voting,
)

SURVEY_ANSWERS = {
    "rita": {
        "q1": "a",
        "q2": ["x", "y"],
        "q3": 5,
        "q4": "More benches",
        "q5": ["r1", "r2", "r3"],
        "q6": {"park": "good", "street": "bad"},
    },
    "rob": {
        "q1": "a",
        "q2": ["y"],
        "q3": 3,
        "q5": ["r2", "r1", "r3"],
        "q6": {"park": "good", "street": "good"},
    },
    "ruth": {"q1": "b", "q2": ["x", "z"], "q3": 4, "q4": "Less cars", "q5": ["r1", "r3", "r2"]},
    "voter01": {"q1": "c", "q3": 2, "q5": ["r3", "r2", "r1"]},
}
RANKINGS = {"rita": ["s1", "s2", "s3"], "rob": ["s2", "s1", "s3"], "ruth": ["s1", "s3", "s2"]}
# name: (topic, area, cost)
INPUTS = {
    "A": ("mobility", "north", "600.00"),
    "B": ("green", "north", "500.00"),
    "C": ("green", "south", "300.00"),
}
SUPPORT = {"rita": ["A", "B"], "rob": ["A"], "ruth": ["A"]}
BASKETS = {"rita": ["A", "C"], "rob": ["A", "C"], "ruth": ["B", "C"], "voter01": ["B"]}


@dataclass(frozen=True)
class Fixture:
    project_id: str
    inputs: dict[str, str]  # name -> input_id


def _phases(budget_state: str) -> list[dict]:
    return [
        phase("idea", "ideation"),
        phase("support", "voting", voting=voting("support")),
        phase("budget", "voting", budget_state, voting=voting("budget", budget="1000.00")),
        survey_phase("survey"),
        scenario_phase("scenarios"),
    ]


async def _ok(response, status: int = 200):
    assert response.status_code == status, response.text
    return response.json()


@pytest.fixture(scope="package")
async def filled(api, apply_project) -> Fixture:
    project_id = new_project_id()
    topics, areas = ["mobility", "green"], ["north", "south"]
    await apply_project(
        snapshot(project_id, _phases("future"), version=1, topics=topics, areas=areas)
    )
    base = f"/projects/{project_id}"
    ids = {}
    for name, (topic, area, cost) in INPUTS.items():
        body = {
            "title": f"Input {name}",
            "body": f"<p>{name}</p>",
            "topic_id": topic,
            "area_id": area,
        }
        created = await _ok(
            await api.request("POST", f"{base}/phases/idea/inputs", "rita", json=body), 201
        )
        ids[name] = created["input_id"]
        await _ok(
            await api.request("PUT", f"{base}/inputs/{ids[name]}/cost", "sam", json={"cost": cost})
        )
    await apply_project(
        snapshot(project_id, _phases("open"), version=2, topics=topics, areas=areas)
    )
    for user, names in SUPPORT.items():
        for name in names:
            await _ok(
                await api.request(
                    "POST", f"{base}/phases/support/votes", user, json={"input_id": ids[name]}
                ),
                201,
            )
    for user, names in BASKETS.items():
        await _ok(
            await api.request(
                "PUT",
                f"{base}/phases/budget/basket",
                user,
                json={"input_ids": [ids[n] for n in names]},
            )
        )
        await _ok(await api.request("POST", f"{base}/phases/budget/basket/submission", user))
    for user, answers in SURVEY_ANSWERS.items():
        await _ok(
            await api.request(
                "POST",
                f"{base}/phases/survey/survey-response/submission",
                user,
                json={"answers": answers},
            ),
            201,
        )
    for user, ranking in RANKINGS.items():
        await _ok(
            await api.request(
                "PUT", f"{base}/phases/scenarios/scenario-ranking", user, json={"ranking": ranking}
            )
        )
    return Fixture(project_id, ids)
