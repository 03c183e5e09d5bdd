"""Fixtures of the identity service's tests: its database, migrated once per session."""

from collections.abc import AsyncIterator

import httpx
import pytest
from inspraak_identity.manifest import MANIFEST

from inspraak_shared.config import ServiceSettings
from inspraak_shared.testing import migrate, settings_for_test, started_app


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("identity")
    await migrate(MANIFEST, url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, nats_url: str) -> ServiceSettings:
    return settings_for_test(MANIFEST, database_url=database_url, nats_url=nats_url)


@pytest.fixture
async def client(settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with started_app(MANIFEST, settings) as http:
        yield http
