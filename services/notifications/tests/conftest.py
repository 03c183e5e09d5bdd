"""Fixtures of the notifications service's tests: real PostgreSQL, NATS, Keycloak and SMTP.

The service runs in the test's event loop with its embedded worker; its durable
consumers get a name of their own per run and read only the test tenants' subjects.
"""

import secrets
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import nats
import pytest
from inspraak_notifications.clock import SystemClock
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.manifest import MANIFEST
from keycloak import KeycloakAdmin
from nats.js import JetStreamContext

from inspraak_shared.testing import migrate
from tests.support.events import Publisher, ensure_streams
from tests.support.keycloak import Realm, create_realm, delete_realm
from tests.support.service import delete_consumers, running_service, test_settings
from tests.support.town import town  # noqa: F401 - the shared municipality fixture


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("notifications")
    await migrate(MANIFEST, url)
    return url


@pytest.fixture(scope="session")
def migrated_database(fresh_database):
    """Factory of further migrated databases, for modules that need a service of their own."""

    async def factory(prefix: str) -> str:
        url = fresh_database(prefix)
        await migrate(MANIFEST, url)
        return url

    return factory


@pytest.fixture(scope="session")
def run_id() -> str:
    """Part of every test address: the mail catcher is shared with other suites and runs."""
    return secrets.token_hex(4)


@pytest.fixture(scope="session")
async def js(nats_url: str) -> AsyncIterator[JetStreamContext]:
    client = await nats.connect(nats_url)
    stream = client.jetstream()
    await ensure_streams(stream)
    yield stream
    await client.close()


@pytest.fixture(scope="session")
def publisher(js: JetStreamContext) -> Publisher:
    return Publisher(js)


def _admin(keycloak_endpoint) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name="master",
        user_realm_name="master",
    )


@pytest.fixture(scope="session")
def keycloak_admin(keycloak_endpoint) -> KeycloakAdmin:
    return _admin(keycloak_endpoint)


@pytest.fixture(scope="session")
def realms(keycloak_admin: KeycloakAdmin, keycloak_endpoint) -> Iterator[dict[str, Realm]]:
    """The suite's two municipalities with accounts, made at once (a realm takes seconds)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        made = dict(
            zip(
                ("town", "quarter"),
                # An admin client per thread: it remembers its current realm.
                pool.map(
                    lambda prefix: create_realm(
                        _admin(keycloak_endpoint), keycloak_endpoint.url, prefix
                    ),
                    ("ntf", "ntq"),
                ),
                strict=True,
            )
        )
    yield made
    for realm in made.values():
        delete_realm(keycloak_admin, realm)


@pytest.fixture(scope="session")
def settings_factory(nats_url: str, keycloak_endpoint, _mail_endpoints):
    def factory(database_url: str, **values) -> NotificationsSettings:
        values.setdefault("smtp_host", _mail_endpoints.smtp_host)
        values.setdefault("smtp_port", _mail_endpoints.smtp_port)
        return test_settings(database_url, nats_url, keycloak_endpoint.url, **values)

    return factory


@pytest.fixture
async def client(database_url: str, settings_factory, js) -> AsyncIterator[httpx.AsyncClient]:
    """The service alone (it consumes a tenant nobody publishes for)."""
    settings = settings_factory(database_url)
    idle = f"idle-{secrets.token_hex(3)}"
    async with running_service(settings, clock=SystemClock(), tenants=[idle]) as service:
        yield service.client
    await delete_consumers(js, service.durable_prefix)


@pytest.fixture(scope="session")
async def sessions(database_url: str) -> AsyncIterator:
    """Direct database access for what the API does not show (rows of other people)."""
    from inspraak_shared.db import create_engine, create_session_factory

    engine = create_engine(database_url, pool_size=2)
    yield create_session_factory(engine)
    await engine.dispose()
