"""Fixtures of the projects service's tests: its database (migrated once per session), two
tenant realms on the real Keycloak, the app running against real NATS, and the tenants made
known to it the way production does: identity's `tenant.applied` events over JetStream."""

import asyncio
import contextlib
import dataclasses
import secrets
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import nats
import pytest
from inspraak_projects.handlers import CONSUMERS, CONTRIBUTIONS_CONSUMER, IDENTITY_CONSUMER
from inspraak_projects.manifest import MANIFEST
from keycloak import KeycloakAdmin
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import AsyncEngine

from inspraak_shared.config import ServiceSettings
from inspraak_shared.db import SessionFactory, create_engine, create_session_factory
from inspraak_shared.events import ensure_service_stream
from inspraak_shared.service import ServiceManifest
from inspraak_shared.testing import migrate, settings_for_test, started_app
from tests.support.api import Tenant, publish, tenant_snapshot
from tests.support.keycloak import TestRealm, create_realm


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("projects")
    await migrate(MANIFEST, url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, nats_url: str, keycloak_endpoint) -> ServiceSettings:
    return settings_for_test(
        MANIFEST, database_url=database_url, nats_url=nats_url, keycloak_url=keycloak_endpoint.url
    )


@pytest.fixture
async def client(settings: ServiceSettings) -> AsyncIterator[httpx.AsyncClient]:
    async with started_app(MANIFEST, settings) as http:
        yield http


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, pool_size=4)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def session_factory(engine: AsyncEngine) -> SessionFactory:
    return create_session_factory(engine)


@pytest.fixture(scope="session")
async def nats_client(nats_url: str) -> AsyncIterator[Client]:
    client = await nats.connect(nats_url)
    js = client.jetstream()
    # Identity and contributions create these when they start; our tests publish as them.
    await ensure_service_stream(js, "identity")
    await ensure_service_stream(js, "contributions")
    yield client
    await client.close()


@pytest.fixture(scope="session")
def realms(keycloak_endpoint) -> Iterator[dict[str, TestRealm]]:
    """Two tenant realms, made side by side: Keycloak takes its time over each one."""

    def make(prefix: str) -> TestRealm:
        admin = KeycloakAdmin(
            server_url=keycloak_endpoint.url,
            username=keycloak_endpoint.admin_user,
            password=keycloak_endpoint.admin_password,
            realm_name="master",
        )
        return create_realm(admin, keycloak_endpoint.url, prefix)

    with ThreadPoolExecutor(max_workers=2) as pool:
        made = dict(zip(("town", "city"), pool.map(make, ("town", "city")), strict=True))
    yield made
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(TestRealm.delete, made.values()))


@pytest.fixture(scope="session")
def town(realms: dict[str, TestRealm]) -> Tenant:
    """A Belgian town in Dutch and French that publishes without approval."""
    return Tenant(realms["town"], languages=["nl", "fr"], require_approval=False)


@pytest.fixture(scope="session")
def city(realms: dict[str, TestRealm]) -> Tenant:
    """A Dutch city (Dutch, English) where a department head approves publication."""
    return Tenant(realms["city"], languages=["nl", "en"], require_approval=True)


@pytest.fixture(scope="session")
def test_manifest(town: Tenant, city: Tenant) -> ServiceManifest:
    """The real consumers under durable names of their own, listening to our tenants only:
    other processes on the shared NATS (other suites, `make run`) keep theirs."""
    suffix = secrets.token_hex(3)
    handlers = dict((spec.durable, handler) for spec, handler in CONSUMERS)
    consumers = []
    for spec, service in (
        (IDENTITY_CONSUMER, "identity"),
        (CONTRIBUTIONS_CONSUMER, "contributions"),
    ):
        subjects = [
            subject.replace("inspraak.*.", f"inspraak.{tenant.slug}.")
            for subject in spec.filter_subjects
            for tenant in (town, city)
        ]
        assert all(f".{service}." in s for s in subjects)
        test_spec = dataclasses.replace(
            spec,
            durable=f"{spec.durable}-test-{suffix}",
            filter_subjects=subjects,
            backoff_seconds=(0.2, 0.5),
        )
        consumers.append((test_spec, handlers[spec.durable]))
    return dataclasses.replace(MANIFEST, consumers=consumers)


@pytest.fixture(scope="session")
async def api(
    settings: ServiceSettings,
    test_manifest: ServiceManifest,
    nats_client: Client,
    town: Tenant,
    city: Tenant,
) -> AsyncIterator[httpx.AsyncClient]:
    """The service, with both tenants announced by identity over NATS and applied."""
    async with started_app(test_manifest, settings) as http:
        for tenant in (town, city):
            await publish(
                nats_client,
                "identity",
                "tenant",
                "applied",
                tenant.slug,
                tenant_snapshot(tenant, version=1),
            )
        async with asyncio.timeout(20):
            for tenant in (town, city):
                while (await http.get("/departments", headers=tenant.headers())).status_code != 200:
                    await asyncio.sleep(0.1)
        yield http
    js = nats_client.jetstream()
    for spec, _ in test_manifest.consumers:
        # Best-effort cleanup of the shared server: a missing consumer is fine.
        with contextlib.suppress(Exception):
            await js.delete_consumer(spec.stream, spec.durable)
