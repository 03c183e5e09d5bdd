"""Reactions: one per person per item, also when the same request arrives many times at once."""

import asyncio

import pytest

from tests.support.projects import new_project_id, phase, snapshot


@pytest.fixture(scope="module")
async def item(api, apply_project) -> tuple[str, str]:
    project_id = new_project_id()
    await apply_project(snapshot(project_id, [phase("idea", "ideation")]))
    created = await api.request(
        "POST",
        f"/projects/{project_id}/phases/idea/inputs",
        "rita",
        json={"title": "Night bus", "body": "Weekends."},
    )
    return project_id, created.json()["input_id"]


class TestReactions:
    async def test_parallel_reactions_of_one_person_count_once(self, api, item):
        project_id, input_id = item
        path = f"/projects/{project_id}/inputs/{input_id}/reaction"
        responses = await asyncio.gather(
            *(api.request("PUT", path, "rob", json={"value": "up"}) for _ in range(30))
        )
        assert {r.status_code for r in responses} == {200}
        state = (await api.request("GET", f"/projects/{project_id}/inputs/{input_id}")).json()
        assert state["counts"]["up"] == 1

    async def test_changing_the_reaction_moves_the_count(self, api, item):
        project_id, input_id = item
        path = f"/projects/{project_id}/inputs/{input_id}/reaction"
        await api.request("PUT", path, "ruth", json={"value": "up"})
        down = await api.request("PUT", path, "ruth", json={"value": "down"})
        assert down.json()["mine"] == "down"
        withdrawn = await api.request("DELETE", path, "ruth")
        assert withdrawn.json()["mine"] is None

    async def test_reacting_to_a_comment(self, api, item):
        project_id, input_id = item
        comment = await api.request(
            "POST",
            f"/projects/{project_id}/inputs/{input_id}/comments",
            "rob",
            json={"body": "Yes please"},
        )
        path = f"/projects/{project_id}/comments/{comment.json()['comment_id']}/reaction"
        response = await api.request("PUT", path, "rita", json={"value": "up"})
        assert (response.status_code, response.json()["up"]) == (200, 1)

    async def test_anonymous_cannot_react(self, api, item):
        project_id, input_id = item
        path = f"/projects/{project_id}/inputs/{input_id}/reaction"
        response = await api.request("PUT", path, None, json={"value": "up"})
        assert response.status_code == 401


class TestOwnReaction:
    async def test_inputs_and_comments_carry_the_caller_s_own_reaction(self, api, item):
        project_id, input_id = item
        base = f"/projects/{project_id}"
        comment = await api.request(
            "POST", f"{base}/inputs/{input_id}/comments", "rita", json={"body": "Good idea"}
        )
        comment_id = comment.json()["comment_id"]
        await api.request(
            "PUT", f"{base}/inputs/{input_id}/reaction", "eve", json={"value": "down"}
        )
        await api.request(
            "PUT", f"{base}/comments/{comment_id}/reaction", "eve", json={"value": "up"}
        )

        one = (await api.request("GET", f"{base}/inputs/{input_id}", "eve")).json()
        listed = (await api.request("GET", f"{base}/inputs", "eve")).json()["items"]
        thread = (await api.request("GET", f"{base}/inputs/{input_id}/comments", "eve")).json()
        assert one["my_reaction"] == "down"
        assert next(i for i in listed if i["input_id"] == input_id)["my_reaction"] == "down"
        assert next(c for c in thread if c["comment_id"] == comment_id)["my_reaction"] == "up"

        # Someone else, and an anonymous visitor, see no reaction of their own.
        other = (await api.request("GET", f"{base}/inputs/{input_id}", "rita")).json()
        anonymous = (await api.request("GET", f"{base}/inputs/{input_id}", None)).json()
        assert other["my_reaction"] is None
        assert anonymous["my_reaction"] is None

        await api.request("DELETE", f"{base}/inputs/{input_id}/reaction", "eve")
        withdrawn = (await api.request("GET", f"{base}/inputs/{input_id}", "eve")).json()
        assert withdrawn["my_reaction"] is None
