"""`identity.tenant.deleted` removes everything of that municipality and nothing of another."""

import pytest
from inspraak_contributions.tenants.handlers import handle_tenant_deleted
from inspraak_contributions.tenants.repository import tenant_tables
from sqlalchemy import func, select

from inspraak_shared.events import new_event
from tests.conftest import Api
from tests.support.keycloak import add_user, create_test_realm
from tests.support.projects import new_project_id, phase, snapshot, voting
from tests.support.roles import grant_data, new_grant_id, role_event


@pytest.fixture(scope="module")
def doomed_api(keycloak_admin, keycloak_endpoint, client) -> Api:
    realm = create_test_realm(keycloak_admin, keycloak_endpoint.url, "doomed")
    add_user(keycloak_admin, realm, "dan", roles=["user"])
    add_user(keycloak_admin, realm, "dax", roles=["superadmin"])
    return Api(client, realm)


async def _participate(api: Api, apply_project, apply_role, resident: str, admin: str) -> str:
    """A bit of everything: project, input, comment, reaction, vote, report, hide, grant."""
    project_id = new_project_id()
    phases = [phase("idea", "ideation"), phase("support", "voting", voting=voting("support"))]
    await apply_project(snapshot(project_id, phases), tenant=api.tenant)
    base = f"/projects/{project_id}"
    created = await api.request(
        "POST", f"{base}/phases/idea/inputs", resident, json={"title": "Bench", "body": "Here."}
    )
    assert created.status_code == 201, created.text
    input_id = created.json()["input_id"]
    calls = [
        ("POST", f"{base}/inputs/{input_id}/comments", {"body": "Yes"}, None),
        ("PUT", f"{base}/inputs/{input_id}/reaction", {"value": "up"}, None),
        (
            "POST",
            f"{base}/phases/support/votes",
            {"input_id": input_id},
            {"Idempotency-Key": f"vote-{project_id}"},
        ),
        (
            "POST",
            f"{base}/reports",
            {"item_type": "input", "item_id": input_id, "reason": "spam"},
            None,
        ),
    ]
    for method, path, body, headers in calls:
        response = await api.request(method, path, resident, json=body, headers=headers)
        assert response.status_code < 300, response.text
    hidden = await api.request(
        "POST", f"{base}/moderation/input/{input_id}/hide", admin, json={"reason": "Spam"}
    )
    assert hidden.status_code == 204, hidden.text
    data = grant_data(
        new_grant_id(), api.user_id(resident), resident, f"project_moderator:project:{project_id}"
    )
    await apply_role(role_event(api.tenant, "granted", data))
    return project_id


async def _counts(session_factory, tenant: str) -> dict[str, int]:
    async with session_factory() as session:
        return {
            table.name: (
                await session.exec(
                    select(func.count()).select_from(table).where(table.c.tenant == tenant)
                )
            ).one()[0]
            for table in tenant_tables()
        }


async def _deliver(session_factory, tenant: str, slug: str) -> None:
    event = new_event(
        tenant=tenant,
        service="identity",
        entity="tenant",
        verb="deleted",
        subject=slug,
        data={"slug": slug},
    )
    async with session_factory() as session:
        await handle_tenant_deleted(session, event)
        await session.commit()


class TestTenantDeleted:
    async def test_everything_of_the_tenant_goes_and_nothing_of_another(
        self, api, doomed_api, apply_project, apply_role, session_factory
    ):
        project_id = await _participate(doomed_api, apply_project, apply_role, "dan", "dax")
        await _participate(api, apply_project, apply_role, "rita", "sam")
        doomed = await _counts(session_factory, doomed_api.tenant)
        expected = {"project", "phase", "input", "comment", "reaction", "vote", "vote_tally"}
        expected |= {"ballot", "report", "moderation_action", "role_grant", "idempotent_request"}
        assert {name for name, count in doomed.items() if count} >= expected
        kept = await _counts(session_factory, api.tenant)

        # An event whose slug names another tenant than its own removes nothing.
        await _deliver(session_factory, doomed_api.tenant, api.tenant)
        assert await _counts(session_factory, api.tenant) == kept

        await _deliver(session_factory, doomed_api.tenant, doomed_api.tenant)
        assert set((await _counts(session_factory, doomed_api.tenant)).values()) == {0}
        assert await _counts(session_factory, api.tenant) == kept
        gone = await doomed_api.request("GET", f"/projects/{project_id}/phases", "dax")
        assert gone.status_code == 404
