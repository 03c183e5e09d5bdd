"""Test helpers every service's suite uses: a migrated database and a started app.

Only for tests; it imports nothing beyond this library, so services stay independent.
"""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx

from inspraak_shared.app import create_service_app
from inspraak_shared.config import Environment, ServiceSettings
from inspraak_shared.migrations import upgrade
from inspraak_shared.service import ServiceManifest


def settings_for_test(manifest: ServiceManifest, **values: object) -> ServiceSettings:
    """The service's own settings class, with test values."""
    settings_class = type(manifest.settings_factory())
    return settings_class(environment=Environment.TEST, log_json=True, **values)  # type: ignore[arg-type]


async def migrate(manifest: ServiceManifest, database_url: str) -> None:
    await asyncio.to_thread(upgrade, manifest.migrations_dir, database_url)


@contextlib.asynccontextmanager
async def started_app(
    manifest: ServiceManifest, settings: ServiceSettings, *, ready_timeout: float = 20.0
) -> AsyncIterator[httpx.AsyncClient]:
    """Run the app's lifespan in this loop and hand out a client once /readyz is green."""
    app = create_service_app(manifest, settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
            async with asyncio.timeout(ready_timeout):
                while (await client.get("/readyz")).status_code != 200:
                    await asyncio.sleep(0.1)
            yield client
