"""Result figures checked against numbers computed by hand (see conftest.py)."""

from datetime import UTC, datetime


async def _results(api, fixture, phase_id: str | None = None, user: str = "pim") -> dict:
    path = (
        f"/projects/{fixture.project_id}" + (f"/phases/{phase_id}" if phase_id else "") + "/results"
    )
    response = await api.request("GET", path, user)
    assert response.status_code == 200, response.text
    return response.json()


class TestVoting:
    async def test_support_tallies_and_shares(self, api, filled):
        voting = (await _results(api, filled, "support"))["voting"]
        name = {v: k for k, v in filled.inputs.items()}
        assert (voting["voters"], voting["total_votes"]) == (3, 4)
        assert [
            (name[t["input_id"]], t["votes"], t["share_percent"]) for t in voting["tallies"]
        ] == [
            ("A", 3, 75.0),
            ("B", 1, 25.0),
            ("C", 0, 0.0),
        ]

    async def test_budget_allocation_funds_the_most_voted_while_money_lasts(self, api, filled):
        voting = (await _results(api, filled, "budget"))["voting"]
        name = {v: k for k, v in filled.inputs.items()}
        rows = [(name[t["input_id"]], t["votes"], t["funded"]) for t in voting["tallies"]]
        # C has 3 votes; A and B 2 each, the cheaper B first; A no longer fits (600 > 200).
        assert rows == [("C", 3, True), ("B", 2, True), ("A", 2, False)]
        assert voting["allocated"] == "800.00"
        assert voting["budget"] == "1000.00"
        assert voting["baskets_submitted"] == 4


class TestSurvey:
    async def test_counts_percentages_averages_and_free_text(self, api, filled):
        survey = (await _results(api, filled, "survey"))["survey"]
        assert survey["respondents"] == 4
        q = {question["question_id"]: question for question in survey["questions"]}
        options = {
            k: {o["option_id"]: (o["count"], o["percent"]) for o in v["options"]}
            for k, v in q.items()
        }
        assert options["q1"] == {"a": (2, 50.0), "b": (1, 25.0), "c": (1, 25.0)}
        assert q["q2"]["answered"] == 3
        assert options["q2"] == {"x": (2, 66.7), "y": (2, 66.7), "z": (1, 33.3)}
        assert q["q3"]["average"] == 3.5
        assert options["q3"] == {
            "1": (0, 0.0),
            "2": (1, 25.0),
            "3": (1, 25.0),
            "4": (1, 25.0),
            "5": (1, 25.0),
        }
        assert q["q4"]["free_text"] == ["More benches", "Less cars"]
        ranks = {o["option_id"]: (o["average_rank"], o["count"]) for o in q["q5"]["options"]}
        assert ranks == {"r1": (1.75, 2), "r2": (2.0, 1), "r3": (2.25, 1)}
        matrix = {
            row: {o["option_id"]: (o["count"], o["percent"]) for o in counts}
            for row, counts in q["q6"]["rows"].items()
        }
        assert q["q6"]["answered"] == 2
        assert matrix == {
            "park": {"good": (2, 100.0), "bad": (0, 0.0)},
            "street": {"good": (1, 50.0), "bad": (1, 50.0)},
        }


class TestScenarios:
    async def test_average_rank_and_first_choice_share(self, api, filled):
        scenarios = (await _results(api, filled, "scenarios"))["scenarios"]
        assert scenarios["rankings"] == 3
        rows = [
            (
                s["scenario_id"],
                s["average_rank"],
                s["first_choices"],
                s["first_choice_share_percent"],
            )
            for s in scenarios["scenarios"]
        ]
        assert rows == [("s1", 1.33, 2, 66.7), ("s2", 2.0, 1, 33.3), ("s3", 2.67, 0, 0.0)]


class TestProject:
    async def test_inputs_per_topic_area_and_participants_over_time(self, api, filled):
        project = await _results(api, filled)
        assert project["inputs"] == 3
        assert {r["key"]: r["count"] for r in project["by_topic"]} == {"green": 2, "mobility": 1}
        assert {r["key"]: r["count"] for r in project["by_area"]} == {"north": 2, "south": 1}
        today = datetime.now(UTC).date().isoformat()
        # rita, rob, ruth and voter01 took part; sam only priced the inputs.
        assert project["participants_over_time"] == [
            {"day": today, "participants": 4, "cumulative": 4}
        ]
