"""After `identity.user.erased` the person's items stay, as a former participant's, and their
votes stay counted without a link to them."""

import pytest
from inspraak_contributions.models import (
    Comment,
    IdempotentRequest,
    Input,
    Reaction,
    SurveyResponse,
    Vote,
)
from sqlmodel import func, select

from inspraak_shared.events import new_event
from tests.conftest import eventually, outbox_events, publish
from tests.support.projects import new_project_id, phase, snapshot, survey_phase, voting


@pytest.fixture(scope="module")
async def project(apply_project) -> str:
    project_id = new_project_id()
    phases = [
        phase("idea", "ideation"),
        phase("vote", "voting", voting=voting("support")),
        survey_phase("survey"),
    ]
    await apply_project(snapshot(project_id, phases))
    return project_id


async def _figures(api, base: str) -> dict[str, int]:
    """How many people voted, and took part at all, as the policy maker reads it."""
    voting = (await api.request("GET", f"{base}/phases/vote/results", "pim")).json()
    project = (await api.request("GET", f"{base}/results", "pim")).json()
    days = project["participants_over_time"]
    return {"voters": voting["voting"]["voters"], "participants": days[-1]["cumulative"]}


class TestErasure:
    async def test_erased_person_becomes_a_former_participant_everywhere(
        self, api, project, nats_client, session_factory
    ):
        base = f"/projects/{project}"
        eve = api.user_id("eve")
        created = await api.request(
            "POST", f"{base}/phases/idea/inputs", "eve", json={"title": "Eve's idea", "body": "b"}
        )
        input_id = created.json()["input_id"]
        comment = await api.request(
            "POST", f"{base}/inputs/{input_id}/comments", "eve", json={"body": "My own comment"}
        )
        reply = await api.request(
            "POST",
            f"{base}/inputs/{input_id}/comments",
            "rob",
            json={"body": "Reply to eve", "parent_comment_id": comment.json()["comment_id"]},
        )
        assert reply.status_code == 201
        await api.request("PUT", f"{base}/inputs/{input_id}/reaction", "eve", json={"value": "up"})
        voted = await api.request(
            "POST",
            f"{base}/phases/vote/votes",
            "eve",
            json={"input_id": input_id},
            headers={"Idempotency-Key": "eve-vote-0001"},
        )
        assert voted.status_code == 201
        await api.request(
            "PUT", f"{base}/phases/survey/survey-response", "eve", json={"answers": {"q1": "a"}}
        )

        before = await _figures(api, base)
        assert before == {"voters": 1, "participants": 2}  # eve, and rob who replied

        erased = new_event(
            tenant=api.tenant,
            service="identity",
            entity="user",
            verb="erased",
            subject=eve,
            data={"user_id": eve},
        )
        await publish(nats_client, erased)

        async def anonymised() -> bool:
            item = (await api.request("GET", f"{base}/inputs/{input_id}")).json()
            return item["author"]["former_participant"]

        await eventually(anonymised)
        item = (await api.request("GET", f"{base}/inputs/{input_id}")).json()
        assert item["author"] == {
            "username": None,
            "former_participant": True,
            "display": {
                "nl": "voormalig deelnemer",
                "fr": "ancien participant",
                "en": "former participant",
            },
        }
        assert (item["title"], item["counts"]["votes"], item["counts"]["up"]) == (
            "Eve's idea",
            1,
            1,
        )
        thread = (await api.request("GET", f"{base}/inputs/{input_id}/comments")).json()
        [kept] = [c for c in thread if c["comment_id"] == comment.json()["comment_id"]]
        assert (kept["body"], kept["author"]["former_participant"]) == ("My own comment", True)
        assert [r["body"] for r in kept["replies"]] == ["Reply to eve"]

        updates = await outbox_events(session_factory, "input.updated", input_id)
        assert updates[-1].data["author_user_id"] is None
        assert updates[-1].data["author_username"] is None

        async with session_factory() as session:
            linked = 0
            for table, column in (
                (Input, Input.author_user_id),
                (Comment, Comment.author_user_id),
                (Reaction, Reaction.user_id),
                (Vote, Vote.voter_user_id),
                (SurveyResponse, SurveyResponse.respondent_user_id),
                (IdempotentRequest, IdempotentRequest.user_id),
            ):
                linked += (
                    await session.exec(select(func.count()).select_from(table).where(column == eve))
                ).one()
            drafts = (
                await session.exec(
                    select(func.count())
                    .select_from(SurveyResponse)
                    .where(SurveyResponse.project_id == project)
                )
            ).one()
        assert linked == 0, "nothing links to the erased person any more"
        # The results the municipality published do not shrink with the erasure.
        assert await _figures(api, base) == before
        assert drafts == 0, "the unsent survey draft was the person's own and is gone"

    async def test_erasure_is_idempotent_and_scoped_to_the_tenant(
        self, api, project, apply_project, session_factory
    ):
        from inspraak_contributions.privacy.service import erase_person

        created = await api.request(
            "POST",
            f"/projects/{project}/phases/idea/inputs",
            "ruth",
            json={"title": "Ruth's idea", "body": "b"},
        )
        input_id = created.json()["input_id"]
        async with session_factory() as session:
            assert await erase_person(session, "another-town", api.user_id("ruth")) == 0
            await session.commit()
        item = (await api.request("GET", f"/projects/{project}/inputs/{input_id}")).json()
        assert item["author"]["username"] == "ruth"
