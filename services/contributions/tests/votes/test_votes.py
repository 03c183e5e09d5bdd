"""Voting under concurrency: one vote per person per item, limits and budgets held by the database."""

import asyncio
import secrets
from collections import Counter
from decimal import Decimal

import pytest

from tests.conftest import VOTERS, outbox_events
from tests.support.projects import new_project_id, phase, snapshot, voting

COSTS = ["400.00", "350.00", "300.00", "250.00", "150.00", "99.99"]


def _phases(budget_state: str) -> list[dict]:
    return [
        phase("idea", "ideation"),
        phase("support", "voting", voting=voting("support")),
        phase("multiple", "voting", voting=voting("multiple", max_votes=3)),
        phase("budget", "voting", budget_state, voting=voting("budget", budget="1000.00")),
        phase("closed", "voting", "ended", voting=voting("support")),
    ]


@pytest.fixture(scope="module")
async def ballot_box(api, apply_project) -> tuple[str, list[str]]:
    """A project with six priced inputs; costs are set before budget voting opens."""
    project_id = new_project_id()
    await apply_project(snapshot(project_id, _phases("future"), version=1))
    input_ids = []
    for n, cost in enumerate(COSTS):
        created = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "rita",
            json={"title": f"Proposal {n}", "body": "<p>Worth doing.</p>"},
        )
        assert created.status_code == 201
        input_id = created.json()["input_id"]
        priced = await api.request(
            "PUT", f"/projects/{project_id}/inputs/{input_id}/cost", "sam", json={"cost": cost}
        )
        assert priced.status_code == 200, priced.text
        input_ids.append(input_id)
    await apply_project(snapshot(project_id, _phases("open"), version=2))
    return project_id, input_ids


async def _tallies(api, project_id: str, phase_id: str) -> dict[str, int]:
    response = await api.request("GET", f"/projects/{project_id}/phases/{phase_id}/results", "sam")
    assert response.status_code == 200, response.text
    return {t["input_id"]: t["votes"] for t in response.json()["voting"]["tallies"]}


def _vote(api, project_id: str, phase_id: str, input_id: str, user: str, key: str | None = None):
    headers = {"Idempotency-Key": key} if key else None
    return api.request(
        "POST",
        f"/projects/{project_id}/phases/{phase_id}/votes",
        user,
        json={"input_id": input_id},
        headers=headers,
    )


class TestOneVotePerPersonPerItem:
    async def test_fifty_parallel_votes_of_one_person_count_once(
        self, api, ballot_box, session_factory
    ):
        project_id, inputs = ballot_box
        target = inputs[0]
        api.realm.token("voter01")  # fetched once, before the burst
        responses = await asyncio.gather(
            *(_vote(api, project_id, "support", target, "voter01") for _ in range(50))
        )
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {201: 1, 409: 49}, statuses
        refused = next(r for r in responses if r.status_code == 409)
        assert refused.json()["type"] == "urn:inspraak:problem:already-voted"
        assert (await _tallies(api, project_id, "support"))[target] == 1
        changes = [
            e
            for e in await outbox_events(session_factory, "votes.changed", target)
            if e.data["phase_id"] == "support"
        ]
        assert [e.data["votes"] for e in changes] == [1]
        assert "voter" not in str(changes[0].data)

    async def test_a_retried_vote_with_its_idempotency_key_counts_once(self, api, ballot_box):
        project_id, inputs = ballot_box
        target = inputs[1]
        key = secrets.token_hex(8)
        responses = await asyncio.gather(
            *(_vote(api, project_id, "support", target, "voter02", key) for _ in range(20))
        )
        assert {r.status_code for r in responses} == {201}
        assert len({r.text for r in responses}) == 1, "every retry gets the first answer"
        assert sum(r.headers.get("Idempotent-Replay") == "true" for r in responses) == 19
        assert (await _tallies(api, project_id, "support"))[target] == 1

    async def test_the_same_key_for_another_vote_is_refused(self, api, ballot_box):
        project_id, inputs = ballot_box
        key = secrets.token_hex(8)
        assert (
            await _vote(api, project_id, "support", inputs[2], "voter03", key)
        ).status_code == 201
        reused = await _vote(api, project_id, "support", inputs[3], "voter03", key)
        assert reused.status_code == 422
        assert reused.json()["type"] == "urn:inspraak:problem:idempotency-key-reused"

    async def test_parallel_votes_of_many_people_are_all_counted_in_order(
        self, api, ballot_box, session_factory
    ):
        project_id, inputs = ballot_box
        target = inputs[4]
        for voter in VOTERS:
            api.realm.token(voter)
        responses = await asyncio.gather(
            *(_vote(api, project_id, "support", target, voter) for voter in VOTERS)
        )
        assert {r.status_code for r in responses} == {201}
        assert (await _tallies(api, project_id, "support"))[target] == len(VOTERS)
        changes = [
            e.data
            for e in await outbox_events(session_factory, "votes.changed", target)
            if e.data["phase_id"] == "support"
        ]
        # Each change carries the exact count at its version: the newest says all of them.
        assert sorted((c["version"], c["votes"]) for c in changes) == [
            (n, n) for n in range(1, len(VOTERS) + 1)
        ]

    async def test_withdrawn_vote_is_uncounted_and_can_be_cast_again(self, api, ballot_box):
        project_id, inputs = ballot_box
        target = inputs[5]
        assert (await _vote(api, project_id, "support", target, "ruth")).status_code == 201
        path = f"/projects/{project_id}/phases/support/votes/{target}"
        assert (await api.request("DELETE", path, "ruth")).status_code == 204
        assert (await _tallies(api, project_id, "support"))[target] == 0
        assert (await api.request("DELETE", path, "ruth")).status_code == 404
        assert (await _vote(api, project_id, "support", target, "ruth")).status_code == 201


class TestMultipleVotes:
    async def test_parallel_votes_beyond_the_maximum_are_refused(self, api, ballot_box):
        project_id, inputs = ballot_box
        responses = await asyncio.gather(
            *(_vote(api, project_id, "multiple", i, "voter04") for i in inputs[:5])
        )
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {201: 3, 409: 2}, statuses
        refusals = {r.json()["type"] for r in responses if r.status_code == 409}
        assert refusals == {"urn:inspraak:problem:vote-limit-reached"}
        ballot = await api.request(
            "GET", f"/projects/{project_id}/phases/multiple/ballot", "voter04"
        )
        assert len(ballot.json()["voted_input_ids"]) == 3
        assert sum((await _tallies(api, project_id, "multiple")).values()) == 3


class TestPhaseRules:
    async def test_vote_in_an_ended_phase_is_refused(self, api, ballot_box):
        project_id, inputs = ballot_box
        response = await _vote(api, project_id, "closed", inputs[0], "rob")
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:phase-ended"

    async def test_budget_phase_takes_baskets_not_single_votes(self, api, ballot_box):
        project_id, inputs = ballot_box
        response = await _vote(api, project_id, "budget", inputs[0], "rob")
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:wrong-phase-method"

    async def test_rejected_input_gets_no_votes(self, api, apply_project):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, _phases("open")))
        created = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "rita",
            json={"title": "Rejected plan", "body": "text"},
        )
        input_id = created.json()["input_id"]
        decided = await api.request(
            "POST",
            f"/projects/{project_id}/inputs/{input_id}/status",
            "sam",
            json={"status": "rejected", "official_response": "Not feasible."},
        )
        assert decided.status_code == 200
        response = await _vote(api, project_id, "support", input_id, "rob")
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:input-rejected"

    async def test_costs_are_frozen_while_budget_voting_is_open(self, api, ballot_box):
        project_id, inputs = ballot_box
        response = await api.request(
            "PUT", f"/projects/{project_id}/inputs/{inputs[0]}/cost", "sam", json={"cost": "1.00"}
        )
        assert response.status_code == 409


class TestMunicipalityBudgetItems:
    async def test_basket_of_costed_items_the_municipality_offered(self, api, apply_project):
        project_id = new_project_id()
        items = [
            {"id": "bench", "title": {"nl": "Bank"}, "cost": 300},
            {"id": "tree", "title": {"nl": "Boom"}, "cost": 800},
        ]
        offer = voting("budget", budget="1000") | {"items": items}
        await apply_project(snapshot(project_id, [phase("budget", "voting", voting=offer)]))
        path = f"/projects/{project_id}/phases/budget/basket"
        too_much = await api.request("PUT", path, "rob", json={"input_ids": ["bench", "tree"]})
        assert too_much.status_code == 409
        unknown = await api.request("PUT", path, "rob", json={"input_ids": ["fountain"]})
        assert unknown.status_code == 422
        assert (
            await api.request("PUT", path, "rob", json={"input_ids": ["tree"]})
        ).status_code == 200
        assert (await api.request("POST", f"{path}/submission", "rob")).status_code == 200
        tallies = await api.request("GET", f"/projects/{project_id}/phases/budget/results", "sam")
        rows = [
            (t["input_id"], t["title"], t["votes"], t["funded"])
            for t in tallies.json()["voting"]["tallies"]
        ]
        assert rows == [("tree", {"nl": "Boom"}, 1, True), ("bench", {"nl": "Bank"}, 0, False)]


class TestBudgetBaskets:
    def _basket(self, api, project_id, user, input_ids):
        return api.request(
            "PUT",
            f"/projects/{project_id}/phases/budget/basket",
            user,
            json={"input_ids": input_ids},
        )

    def _submit(self, api, project_id, user):
        return api.request("POST", f"/projects/{project_id}/phases/budget/basket/submission", user)

    async def test_basket_over_the_budget_is_refused(self, api, ballot_box):
        project_id, inputs = ballot_box
        response = await self._basket(api, project_id, "voter05", inputs[:4])  # 1300.00
        assert response.status_code == 409
        problem = response.json()
        assert problem["type"] == "urn:inspraak:problem:over-budget"
        assert (problem["total"], problem["budget"]) == ("1300.00", "1000.00")

    async def test_basket_counts_only_once_submitted_and_can_be_changed(self, api, ballot_box):
        project_id, inputs = ballot_box
        saved = await self._basket(api, project_id, "voter06", [inputs[0], inputs[1]])
        assert saved.status_code == 200, saved.text
        assert Decimal(saved.json()["basket_total"]) == Decimal("750.00")
        before = await _tallies(api, project_id, "budget")
        assert before.get(inputs[0], 0) == 0, "a saved basket is not counted"

        submitted = await self._submit(api, project_id, "voter06")
        assert submitted.status_code == 200, submitted.text
        assert submitted.json()["basket_submitted_at"] is not None
        after = await _tallies(api, project_id, "budget")
        assert (after[inputs[0]], after[inputs[1]]) == (1, 1)

        await self._basket(api, project_id, "voter06", [inputs[1], inputs[2], inputs[3]])
        await self._submit(api, project_id, "voter06")
        changed = await _tallies(api, project_id, "budget")
        assert (changed[inputs[0]], changed[inputs[1]], changed[inputs[2]]) == (0, 1, 1)

    async def test_parallel_basket_changes_leave_one_basket_within_budget(self, api, ballot_box):
        project_id, inputs = ballot_box
        baskets = [[inputs[0], inputs[1]], [inputs[2], inputs[3], inputs[4]], [inputs[5]]]

        async def change(basket: list[str]) -> None:
            await self._basket(api, project_id, "voter07", basket)
            await self._submit(api, project_id, "voter07")

        await asyncio.gather(*(change(baskets[n % 3]) for n in range(12)))
        ballot = (
            await api.request("GET", f"/projects/{project_id}/phases/budget/ballot", "voter07")
        ).json()
        assert sorted(ballot["voted_input_ids"]) in [sorted(b) for b in baskets]
        cost = dict(zip(inputs, COSTS, strict=True))
        assert sum(Decimal(cost[i]) for i in ballot["voted_input_ids"]) <= Decimal("1000.00")

    async def test_input_without_a_cost_cannot_go_in_a_basket(self, api, ballot_box):
        project_id, _ = ballot_box
        created = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "rita",
            json={"title": "Unpriced idea", "body": "text"},
        )
        response = await self._basket(api, project_id, "voter08", [created.json()["input_id"]])
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:no-cost"

    async def test_empty_basket_cannot_be_submitted(self, api, ballot_box):
        project_id, _ = ballot_box
        response = await self._submit(api, project_id, "voter09")
        assert response.status_code == 409
