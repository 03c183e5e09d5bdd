"""The moderation lifecycle: new, reported, hidden, shown again, decided with an official answer."""

from nats.js.api import DeliverPolicy

from inspraak_shared.events import CloudEvent, stream_name
from tests.conftest import outbox_events
from tests.support.projects import phase, snapshot

PROJECT = "p-mod-1"  # moderated by "moe"


async def _queue(api, state: str, user: str = "moe") -> dict[str, dict]:
    response = await api.request(
        "GET", f"/projects/{PROJECT}/moderation/queue", user, params={"state": state}
    )
    assert response.status_code == 200, response.text
    return {item["item_id"]: item for item in response.json()}


class TestLifecycle:
    async def test_from_new_to_decided_with_the_author_told_by_an_event(
        self, api, apply_project, session_factory, nats_client
    ):
        await apply_project(snapshot(PROJECT, [phase("idea", "ideation")]))
        created = await api.request(
            "POST",
            f"/projects/{PROJECT}/phases/idea/inputs",
            "rita",
            json={"title": "Buy everyone a boat", "body": "Cheap boats here!!"},
        )
        input_id = created.json()["input_id"]
        assert input_id in await _queue(api, "new")

        # Two residents report it; a second report by the same person is refused.
        for user in ("rob", "ruth"):
            reported = await api.request(
                "POST",
                f"/projects/{PROJECT}/reports",
                user,
                json={"item_type": "input", "item_id": input_id, "reason": "spam"},
            )
            assert reported.status_code == 201, reported.text
        again = await api.request(
            "POST",
            f"/projects/{PROJECT}/reports",
            "rob",
            json={"item_type": "input", "item_id": input_id, "reason": "abusive"},
        )
        assert again.status_code == 409
        queued = (await _queue(api, "reported"))[input_id]
        assert (queued["open_reports"], queued["report_reasons"]) == (2, {"spam": 2})
        reports = await outbox_events(session_factory, "item.reported", input_id)
        assert [e.data["open_reports"] for e in reports] == [1, 2]
        assert "reporter" not in str(reports[0].data)

        # Hidden with a reason: gone for residents, listed as hidden for moderators.
        hidden = await api.request(
            "POST",
            f"/projects/{PROJECT}/moderation/input/{input_id}/hide",
            "moe",
            json={"reason": "Advertising"},
        )
        assert hidden.status_code == 204
        path = f"/projects/{PROJECT}/inputs/{input_id}"
        assert (await api.request("GET", path, "rob")).status_code == 404
        assert (await api.request("GET", path, "moe")).json()["hidden_reason"] == "Advertising"
        assert input_id in await _queue(api, "hidden")
        assert input_id not in await _queue(api, "reported"), "hiding settles the reports"
        [hidden_event] = await outbox_events(session_factory, "input.hidden", input_id)
        assert hidden_event.data["hidden"] is True

        shown = await api.request(
            "POST",
            f"/projects/{PROJECT}/moderation/input/{input_id}/unhide",
            "moe",
            json={"reason": "Reviewed again: a real proposal"},
        )
        assert shown.status_code == 204
        assert (await api.request("GET", path, "rob")).status_code == 200

        # The decision: a status with an official response, announced to the author.
        js = nats_client.jetstream()
        subject = f"inspraak.{api.tenant}.contributions.input.status_changed"
        subscription = await js.subscribe(
            subject,
            stream=stream_name("contributions"),
            ordered_consumer=True,
            deliver_policy=DeliverPolicy.NEW,
        )
        decided = await api.request(
            "POST",
            f"/projects/{PROJECT}/inputs/{input_id}/status",
            "moe",
            json={"status": "under_consideration", "official_response": "We are costing it."},
        )
        assert decided.status_code == 200
        assert decided.json()["official_response"] == "We are costing it."
        public = (await api.request("GET", path)).json()
        assert (public["status"], public["official_response"]) == (
            "under_consideration",
            "We are costing it.",
        )
        message = await subscription.next_msg(timeout=10)
        event = CloudEvent.from_json(message.data)
        assert event.subject == input_id
        assert event.data["author_user_id"] == api.user_id("rita")
        assert event.data["status"] == "under_consideration"
        await subscription.unsubscribe()

        actions = (
            await api.request("GET", f"/projects/{PROJECT}/moderation/actions", "moe")
        ).json()
        mine = [a for a in actions if a["item_id"] == input_id]
        assert [(a["action"], a["reason"]) for a in mine] == [
            ("hide", "Advertising"),
            ("unhide", "Reviewed again: a real proposal"),
        ]

    async def test_hidden_comment_keeps_its_place_in_the_thread(self, api, apply_project):
        await apply_project(snapshot("p-mod-2", [phase("idea", "ideation")]))
        created = await api.request(
            "POST",
            "/projects/p-mod-2/phases/idea/inputs",
            "rita",
            json={"title": "Swimming pool", "body": "Indoor."},
        )
        input_id = created.json()["input_id"]
        comment = await api.request(
            "POST",
            f"/projects/p-mod-2/inputs/{input_id}/comments",
            "rob",
            json={"body": "Rude words"},
        )
        comment_id = comment.json()["comment_id"]
        await api.request(
            "POST",
            f"/projects/p-mod-2/inputs/{input_id}/comments",
            "ruth",
            json={"body": "Please be kind", "parent_comment_id": comment_id},
        )
        hidden = await api.request(
            "POST",
            f"/projects/p-mod-2/moderation/comment/{comment_id}/hide",
            "moe",
            json={"reason": "Insulting"},
        )
        assert hidden.status_code == 204
        thread = (await api.request("GET", f"/projects/p-mod-2/inputs/{input_id}/comments")).json()
        [placeholder] = [c for c in thread if c["comment_id"] == comment_id]
        assert placeholder["body"] is None
        assert placeholder["placeholder"]["nl"] == "[verborgen door de moderator]"
        assert [r["body"] for r in placeholder["replies"]] == ["Please be kind"]

    async def test_review_takes_an_item_off_the_new_list_and_dismisses_reports(
        self, api, apply_project
    ):
        await apply_project(snapshot("p-mod-3", [phase("idea", "ideation")]))
        created = await api.request(
            "POST",
            "/projects/p-mod-3/phases/idea/inputs",
            "rita",
            json={"title": "Dog park", "body": "Fenced."},
        )
        input_id = created.json()["input_id"]
        await api.request(
            "POST",
            "/projects/p-mod-3/reports",
            "rob",
            json={"item_type": "input", "item_id": input_id, "reason": "other"},
        )
        reviewed = await api.request(
            "POST", f"/projects/p-mod-3/moderation/input/{input_id}/review", "dora"
        )
        assert reviewed.status_code == 204
        new = await api.request(
            "GET", "/projects/p-mod-3/moderation/queue", "dora", params={"state": "new"}
        )
        reported = await api.request(
            "GET", "/projects/p-mod-3/moderation/queue", "dora", params={"state": "reported"}
        )
        assert input_id not in {i["item_id"] for i in new.json()}
        assert input_id not in {i["item_id"] for i in reported.json()}
