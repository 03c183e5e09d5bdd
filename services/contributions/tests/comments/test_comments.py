"""Comments: replies one level deep, official replies by the municipality, edits within grace."""

from datetime import UTC, datetime, timedelta

import pytest
from inspraak_contributions.comments.models import Comment
from sqlalchemy import update

from tests.conftest import outbox_events
from tests.support.projects import new_project_id, phase, snapshot


@pytest.fixture(scope="module")
async def discussion(api, apply_project) -> tuple[str, str]:
    project_id = new_project_id()
    await apply_project(snapshot(project_id, [phase("idea", "ideation")]))
    created = await api.request(
        "POST",
        f"/projects/{project_id}/phases/idea/inputs",
        "rita",
        json={"title": "A playground", "body": "For the kids."},
    )
    return project_id, created.json()["input_id"]


def _comment(api, project_id, input_id, user, **body):
    return api.request(
        "POST", f"/projects/{project_id}/inputs/{input_id}/comments", user, json=body
    )


class TestThreads:
    async def test_reply_is_threaded_and_tells_both_authors(self, api, discussion, session_factory):
        project_id, input_id = discussion
        top = await _comment(api, project_id, input_id, "rob", body="Good idea!")
        assert top.status_code == 201, top.text
        reply = await _comment(
            api,
            project_id,
            input_id,
            "ruth",
            body="Agreed.",
            parent_comment_id=top.json()["comment_id"],
        )
        assert reply.status_code == 201
        thread = (
            await api.request("GET", f"/projects/{project_id}/inputs/{input_id}/comments")
        ).json()
        mine = next(c for c in thread if c["comment_id"] == top.json()["comment_id"])
        assert [r["body"] for r in mine["replies"]] == ["Agreed."]
        [event] = await outbox_events(
            session_factory, "comment.created", reply.json()["comment_id"]
        )
        assert event.data["parent_author_user_id"] == api.user_id("rob")
        assert event.data["input_author_user_id"] == api.user_id("rita")
        assert event.data["official"] is False

    async def test_reply_to_a_reply_is_refused(self, api, discussion):
        project_id, input_id = discussion
        top = await _comment(api, project_id, input_id, "rob", body="First")
        reply = await _comment(
            api,
            project_id,
            input_id,
            "ruth",
            body="Second",
            parent_comment_id=top.json()["comment_id"],
        )
        deeper = await _comment(
            api,
            project_id,
            input_id,
            "rob",
            body="Third",
            parent_comment_id=reply.json()["comment_id"],
        )
        assert deeper.status_code == 422
        assert deeper.json()["type"] == "urn:inspraak:problem:reply-too-deep"

    async def test_moderator_replies_as_the_municipality(self, api, discussion, session_factory):
        project_id, input_id = discussion
        official = await _comment(
            api, project_id, input_id, "dora", body="We will look into it.", official=True
        )
        assert official.status_code == 201, official.text
        body = official.json()
        assert body["official"] is True
        assert body["official_label"]["nl"] == "Gemeente"
        [event] = await outbox_events(session_factory, "comment.created", body["comment_id"])
        assert event.data["official"] is True

    async def test_resident_cannot_reply_as_the_municipality(self, api, discussion):
        project_id, input_id = discussion
        response = await _comment(api, project_id, input_id, "rob", body="Official!", official=True)
        assert response.status_code == 403

    async def test_staff_without_a_resident_account_cannot_comment_as_a_resident(
        self, api, discussion
    ):
        project_id, input_id = discussion
        response = await _comment(api, project_id, input_id, "pim", body="Hello")
        assert response.status_code == 403


class TestEditing:
    async def test_author_edits_then_deletes_and_the_thread_keeps_its_place(self, api, discussion):
        project_id, input_id = discussion
        top = await _comment(api, project_id, input_id, "rob", body="Typo here")
        comment_id = top.json()["comment_id"]
        await _comment(
            api, project_id, input_id, "ruth", body="A reply", parent_comment_id=comment_id
        )
        path = f"/projects/{project_id}/comments/{comment_id}"
        edited = await api.request("PATCH", path, "rob", json={"body": "Fixed"})
        assert (edited.status_code, edited.json()["edited"]) == (200, True)
        assert (
            await api.request("PATCH", path, "ruth", json={"body": "Hijack"})
        ).status_code == 403
        assert (await api.request("DELETE", path, "rob")).status_code == 204
        thread = (
            await api.request("GET", f"/projects/{project_id}/inputs/{input_id}/comments")
        ).json()
        removed = next(c for c in thread if c["comment_id"] == comment_id)
        assert removed["body"] is None
        assert removed["deleted"] is True
        assert removed["placeholder"]["en"] == "[deleted by the author]"
        assert [r["body"] for r in removed["replies"]] == ["A reply"]

    async def test_no_edit_after_the_grace_period(self, api, discussion, session_factory):
        project_id, input_id = discussion
        top = await _comment(api, project_id, input_id, "rob", body="Old words")
        comment_id = top.json()["comment_id"]
        async with session_factory() as session:
            await session.exec(
                update(Comment)
                .where(Comment.comment_id == comment_id)
                .values(created_at=datetime.now(UTC) - timedelta(hours=1))
            )
            await session.commit()
        path = f"/projects/{project_id}/comments/{comment_id}"
        response = await api.request("PATCH", path, "rob", json={"body": "New words"})
        assert response.status_code == 409
        assert response.json()["type"] == "urn:inspraak:problem:edit-period-over"


class TestWindows:
    async def test_no_comments_once_the_phase_has_ended(self, api, apply_project):
        project_id = new_project_id()
        await apply_project(snapshot(project_id, [phase("idea", "ideation")], version=1))
        created = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "rita",
            json={"title": "Bike lane", "body": "Safer."},
        )
        input_id = created.json()["input_id"]
        await apply_project(snapshot(project_id, [phase("idea", "ideation", "ended")], version=2))
        late = await _comment(api, project_id, input_id, "rob", body="Too late?")
        assert late.status_code == 409
        assert late.json()["type"] == "urn:inspraak:problem:phase-ended"
        official = await _comment(
            api, project_id, input_id, "sam", body="Thanks all.", official=True
        )
        assert official.status_code == 201, "the municipality may still answer"
