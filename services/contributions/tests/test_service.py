"""The contributions service starts, reports health, documents its API and migrates cleanly."""

import asyncio

from inspraak_contributions.manifest import MANIFEST
from inspraak_contributions.models import metadata

from inspraak_shared.migrations import schema_differences


class TestOperations:
    async def test_health_and_readiness(self, client):
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        assert (await client.get("/readyz")).json()["status"] == "ready"

    async def test_openapi_document_names_the_service(self, client):
        document = (await client.get("/openapi.json")).json()
        assert document["info"]["title"] == "Inspraak Contributions"
        assert "/projects/{project_id}/phases/{phase_id}/votes" in document["paths"]


class TestMigrations:
    async def test_migrated_schema_matches_the_models(self, database_url):
        assert await asyncio.to_thread(schema_differences, database_url, metadata) == []

    def test_manifest_points_at_its_migrations(self):
        assert (MANIFEST.migrations_dir / "env.py").is_file()
