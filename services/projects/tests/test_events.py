"""What this service emits reaches JetStream: each event once, under its own id."""

import asyncio
import json

import pytest

from inspraak_shared.events import stream_name
from tests.support.api import make_department

pytestmark = pytest.mark.keycloak


class TestPublishing:
    async def test_department_created_is_published_to_nats_under_its_event_id(
        self, api, town, nats_client
    ):
        js = nats_client.jetstream()
        subscription = await js.subscribe(
            f"inspraak.{town.slug}.projects.department.created",
            stream=stream_name("projects"),
            ordered_consumer=True,
            deliver_policy="new",
        )
        department = await make_department(api, town)
        async with asyncio.timeout(10):
            while True:
                message = await subscription.next_msg(timeout=5)
                body = json.loads(message.data)
                if body["subject"] == department["id"]:
                    break
        assert body["type"] == "eu.inspraak.projects.department.created.v1"
        assert body["source"] == "/services/projects"
        assert body["tenant"] == town.slug
        assert body["data"]["slug"] == department["slug"]
        assert message.headers["Nats-Msg-Id"] == body["id"]
        await subscription.unsubscribe()
