"""The public API reaches the real services; their documents merge into one."""

import pytest
from inspraak_gateway.main import create_app

from tests.support.servers import gateway_client


@pytest.fixture
async def client(platform_settings, town):
    async with gateway_client(create_app(platform_settings), town.primary) as http:
        yield http


class TestRouting:
    async def test_a_v1_service_is_reached_under_its_name(self, client):
        # widget serves /v1/domains; it wants a signed-in IT officer: its answer comes back.
        response = await client.get("/api/v1/widget/domains")
        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["instance"] == "/v1/domains"

    async def test_the_widget_paths_pass_through_unchanged(self, client):
        response = await client.get("/v1/widget/embed.js")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/javascript")
        assert "etag" in response.headers  # the widget's own caching headers survive

    async def test_the_gateways_host_lookup_is_not_public(self, client, town):
        response = await client.get(f"/api/v1/widget/internal/hosts/{town.primary}")
        assert response.status_code == 404

    async def test_a_service_that_is_down_gives_502(self, client):
        response = await client.get("/api/v1/identity/tenant")
        assert response.status_code == 502
        assert response.json()["type"] == "urn:inspraak:problem:upstream-unavailable"


class TestMergedOpenApi:
    async def test_one_document_lists_every_running_services_public_paths(self, client):
        document = (await client.get("/api/openapi.json")).json()
        paths = document["paths"]
        assert "/api/v1/projects/projects" in paths
        assert "/api/v1/widget/domains" in paths
        assert not [p for p in paths if "/internal/" in p or p.endswith(("healthz", "metrics"))]
        assert set(document["x-inspraak-unavailable"]) == {
            "identity",
            "contributions",
            "notifications",
        }

    async def test_every_reference_resolves_inside_the_merged_document(self, client):
        document = (await client.get("/api/openapi.json")).json()
        schemas = document["components"]["schemas"]
        refs: list[str] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                refs.extend(v for k, v in node.items() if k == "$ref")
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(document)
        assert refs
        assert all(r.removeprefix("#/components/schemas/") in schemas for r in refs)
        operation_ids = [
            op["operationId"]
            for item in document["paths"].values()
            for op in item.values()
            if isinstance(op, dict) and "operationId" in op
        ]
        assert len(operation_ids) == len(set(operation_ids))
