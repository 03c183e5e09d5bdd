"""Scoped rights follow identity's grants at once: a token's claim alone moderates nothing."""

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from inspraak_contributions.roles.models import RoleGrant

from tests.conftest import eventually, publish
from tests.support.projects import phase, snapshot
from tests.support.roles import grant_data, new_grant_id, role_event

REVOKED_PROJECT = "p-rev-1"  # "max" moderates it by token claim
REVOKED_DEPARTMENT = "dep-rev"  # "max" heads it by token claim
DEPARTMENT_PROJECT = "p-rev-2"
EXTERNAL_PROJECT = "p-ext-1"  # "ext" moderates it externally by token claim


@pytest.fixture(scope="module", autouse=True)
async def projects(apply_project) -> None:
    await apply_project(snapshot(REVOKED_PROJECT, [phase("idea", "ideation")]))
    await apply_project(
        snapshot(DEPARTMENT_PROJECT, [phase("idea", "ideation")], department_id=REVOKED_DEPARTMENT)
    )
    await apply_project(snapshot(EXTERNAL_PROJECT, [phase("idea", "ideation")]))


def _claims(token: str) -> list[str]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))[
        "inspraak_scopes"
    ]


async def _queue_status(api, project_id: str, user: str) -> int:
    response = await api.request(
        "GET", f"/projects/{project_id}/moderation/queue", user, params={"state": "new"}
    )
    return response.status_code


async def _hide_status(api, project_id: str, user: str) -> int:
    """A write that needs moderation rights, on an input a resident just posted."""
    created = await api.request(
        "POST",
        f"/projects/{project_id}/phases/idea/inputs",
        "rita",
        json={"title": "More trees", "body": "Along the canal."},
    )
    assert created.status_code == 201, created.text
    response = await api.request(
        "POST",
        f"/projects/{project_id}/moderation/input/{created.json()['input_id']}/hide",
        user,
        json={"reason": "Testing rights"},
    )
    return response.status_code


class TestRevocation:
    async def test_a_revoked_moderator_is_refused_at_once_through_nats(
        self, api, apply_role, nats_client, realm
    ):
        data = grant_data(
            new_grant_id(),
            api.user_id("max"),
            "max",
            f"project_moderator:project:{REVOKED_PROJECT}",
        )
        await apply_role(role_event(realm.name, "granted", data))
        assert await _queue_status(api, REVOKED_PROJECT, "max") == 200
        assert await _hide_status(api, REVOKED_PROJECT, "max") == 204

        # identity revokes; the event travels through NATS to the running consumer.
        await publish(nats_client, role_event(realm.name, "revoked", data))

        async def refused() -> bool:
            return await _queue_status(api, REVOKED_PROJECT, "max") == 403

        await eventually(refused)
        # The same token, still carrying the claim, moderates nothing any more.
        assert f"project_moderator:project:{REVOKED_PROJECT}" in _claims(api.realm.token("max"))
        assert await _hide_status(api, REVOKED_PROJECT, "max") == 403
        # A project the caller may not moderate stays visible to them as a resident would see it.
        response = await api.request("GET", f"/projects/{REVOKED_PROJECT}/inputs", "max")
        assert response.status_code == 200

    async def test_a_revoked_department_head_is_refused_and_a_new_grant_restores(
        self, api, apply_role, realm
    ):
        scoped = f"department_head:department:{REVOKED_DEPARTMENT}"
        first = grant_data(new_grant_id(), api.user_id("max"), "max", scoped)
        await apply_role(role_event(realm.name, "granted", first))
        assert await _hide_status(api, DEPARTMENT_PROJECT, "max") == 204

        await apply_role(role_event(realm.name, "revoked", first))
        assert await _hide_status(api, DEPARTMENT_PROJECT, "max") == 403

        # Granted again later: identity makes a new grant (a new id), which counts.
        second = grant_data(new_grant_id(), api.user_id("max"), "max", scoped)
        await apply_role(role_event(realm.name, "granted", second))
        assert await _hide_status(api, DEPARTMENT_PROJECT, "max") == 204


class TestPendingTerms:
    async def test_an_external_moderator_moderates_only_once_active(self, api, apply_role, realm):
        scoped = f"project_moderator:project:{EXTERNAL_PROJECT}:external"
        # A claim without any grant from identity gives nothing.
        assert await _queue_status(api, EXTERNAL_PROJECT, "ext") == 403

        data = grant_data(new_grant_id(), api.user_id("ext"), "ext", scoped, status="pending_terms")
        await apply_role(role_event(realm.name, "granted", data))
        assert await _queue_status(api, EXTERNAL_PROJECT, "ext") == 403
        assert await _hide_status(api, EXTERNAL_PROJECT, "ext") == 403

        # They accepted the terms: identity sends role.granted again, now active.
        await apply_role(role_event(realm.name, "granted", {**data, "status": "active"}))
        assert await _queue_status(api, EXTERNAL_PROJECT, "ext") == 200
        assert await _hide_status(api, EXTERNAL_PROJECT, "ext") == 204


class TestOrdering:
    """A grant moves only forward: pending_terms, active, revoked. Late or repeated events of
    a grant never move it back, whichever order NATS delivers them in."""

    async def _state(self, session_factory, tenant: str, grant_id: str) -> str:
        async with session_factory() as session:
            row = await session.get(RoleGrant, (tenant, grant_id))
        return row.status

    async def test_a_revoke_delivered_before_the_grants_wins(
        self, api, apply_role, realm, session_factory
    ):
        scoped = f"project_moderator:project:{EXTERNAL_PROJECT}:external"
        data = grant_data(new_grant_id(), "someone-else", "someone", scoped, status="active")
        now = datetime.now(UTC)
        pending = role_event(realm.name, "granted", {**data, "status": "pending_terms"}, time=now)
        active = role_event(realm.name, "granted", data, time=now + timedelta(seconds=1))
        revoked = role_event(realm.name, "revoked", data, time=now + timedelta(seconds=2))
        for event in (revoked, active, pending, active):
            await apply_role(event)
        assert await self._state(session_factory, realm.name, data["grant_id"]) == "revoked"

    async def test_a_late_pending_event_or_a_redelivery_keeps_the_grant_active(
        self, api, apply_role, realm, session_factory
    ):
        scoped = f"department_head:department:{REVOKED_DEPARTMENT}"
        data = grant_data(new_grant_id(), "someone-else", "someone", scoped)
        active = role_event(realm.name, "granted", data)
        await apply_role(active)
        await apply_role(role_event(realm.name, "granted", {**data, "status": "pending_terms"}))
        await apply_role(active)  # the same event once more
        assert await self._state(session_factory, realm.name, data["grant_id"]) == "active"
