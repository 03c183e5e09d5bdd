"""Deleting a tenant (explicit, confirmed) and exporting all its identity data."""

import io
import json
import tarfile

import pytest
from keycloak.exceptions import KeycloakGetError

from tests.support.world import new_spec, open_world, operator_headers, read_events

pytestmark = pytest.mark.keycloak


async def _world(client, js, engine, keycloak_endpoint):
    world = await open_world(client, js, engine, keycloak_endpoint, new_spec())
    await world.register("rosa", kind="organisation", organisationType="council")
    return world


@pytest.fixture(scope="module")
def world(staffed):
    return staffed


class TestExport:
    async def test_export_archive_holds_every_kind_of_data(self, world, client):
        response = await client.get(
            f"/v1/operator/tenants/{world.slug}/export", headers=operator_headers()
        )
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/gzip"
        with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:gz") as archive:
            names = set(archive.getnames())
            files = {
                name.removeprefix(f"{world.slug}/"): json.load(archive.extractfile(name))
                for name in names
            }
        for expected in (
            "manifest.json",
            "tenant.json",
            "keycloak/realm.json",
            "keycloak/users.json",
            "tables/person.json",
            "tables/invitation.json",
            "tables/role_grant.json",
            "tables/terms.json",
        ):
            assert expected in files, expected
        assert files["tenant.json"]["slug"] == world.slug
        assert {"sam", "dirk", "ursula"} <= {u["username"] for u in files["keycloak/users.json"]}
        assert "sam" in files["keycloak/role-members.json"]["superadmin"]
        assert all("token_hash" not in row for row in files["tables/invitation.json"])
        assert {"sam", "dirk", "ursula"} <= {p["username"] for p in files["tables/person.json"]}
        assert {g["scope_id"] for g in files["tables/role_grant.json"]} >= {"dep-green", "p-park"}
        assert all(row["tenant"] == world.slug for row in files["tables/person.json"])

    async def test_export_needs_the_operator(self, world, client):
        response = await client.get(f"/v1/operator/tenants/{world.slug}/export")
        assert response.status_code == 401


class TestDelete:
    async def test_delete_needs_confirmation_then_removes_realm_and_data(
        self, client, js, engine, keycloak_endpoint, keycloak_admin
    ):
        world = await _world(client, js, engine, keycloak_endpoint)
        response = await client.delete(
            f"/v1/operator/tenants/{world.slug}",
            params={"confirm": "something-else"},
            headers=operator_headers(),
        )
        assert response.status_code == 422
        assert response.json()["type"].endswith("confirmation-mismatch")
        assert (await world.get("/v1/tenant")).status_code == 200

        response = await client.delete(
            f"/v1/operator/tenants/{world.slug}",
            params={"confirm": world.slug},
            headers=operator_headers(),
        )
        assert response.status_code == 200, response.text
        with pytest.raises(KeycloakGetError):
            keycloak_admin.get_realm(world.slug)
        assert (await world.get("/v1/tenant")).status_code == 404
        for table in ("person", "invitation", "role_grant", "terms", "tenant"):
            column = "slug" if table == "tenant" else "tenant"
            rows = await world.sql(
                f"SELECT count(*) FROM {table} WHERE {column} = :t",  # noqa: S608
                t=world.slug,
            )
            assert rows.scalar_one() == 0, table
        events = await read_events(js, f"inspraak.{world.slug}.identity.tenant.deleted")
        assert len(events) == 1
        again = await client.delete(
            f"/v1/operator/tenants/{world.slug}",
            params={"confirm": world.slug},
            headers=operator_headers(),
        )
        assert again.status_code == 404
