"""Fixtures of the widget service's tests: its database (migrated once per session), real
NATS with the real consumers (under durable names of their own, for this session's tenants
only), two tenant realms on the real Keycloak, and the tenants made known the way
production does: identity's `tenant.applied` over JetStream."""

import contextlib
import dataclasses
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import nats
import pytest
from fastapi import FastAPI
from inspraak_widget.domains.probe import HttpProber
from inspraak_widget.handlers import CONSUMERS
from inspraak_widget.main import build_app
from inspraak_widget.manifest import MANIFEST
from keycloak import KeycloakAdmin
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import AsyncEngine

from inspraak_shared.config import ServiceSettings
from inspraak_shared.db import SessionFactory, create_engine, create_session_factory
from inspraak_shared.events import ensure_service_stream
from inspraak_shared.service import ServiceManifest
from inspraak_shared.tenancy import TENANT_HEADER
from inspraak_shared.testing import migrate, settings_for_test, started_app
from tests.support.app import started
from tests.support.dns import TableResolver
from tests.support.events import eventually, publish, tenant_snapshot
from tests.support.gateway import FakeGateway, LocalNetwork, serving
from tests.support.keycloak import Person, TestRealm, create_realm

INGRESS_HOST = "ingress.inspraak.test"


@dataclass
class Tenant:
    slug: str
    languages: list[str]
    realm: TestRealm | None = None  # only the tenant whose staff sign in needs one

    @property
    def primary(self) -> str:
        return f"{self.slug}.inspraak.test"

    @property
    def alias(self) -> str:
        return f"www.{self.slug}.inspraak.test"

    def headers(self, person: Person | None = None) -> dict[str, str]:
        return {TENANT_HEADER: self.slug, **(person.auth if person else {})}

    def person(self, role: str) -> Person:
        assert self.realm is not None, "this tenant has no realm: nobody signs in there"
        return self.realm.person(f"{role.replace('_', '-')}-one", (role,))

    def snapshot(self, version: int, **extra: Any) -> dict[str, Any]:
        return (
            tenant_snapshot(
                self.slug,
                self.languages,
                version=version,
                primary=self.primary,
                aliases=[self.alias],
            )
            | extra
        )


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("widget")
    await migrate(MANIFEST, url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, nats_url: str, keycloak_endpoint) -> ServiceSettings:
    return settings_for_test(
        MANIFEST,
        database_url=database_url,
        nats_url=nats_url,
        keycloak_url=keycloak_endpoint.url,
        ingress_host=INGRESS_HOST,
    )


@pytest.fixture
async def client(
    settings: ServiceSettings, test_manifest: ServiceManifest
) -> AsyncIterator[httpx.AsyncClient]:
    # The test manifest: the real durable names belong to the running platform, not to tests.
    async with started_app(test_manifest, settings) as http:
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
    # The owning services create these when they start; our tests publish as them.
    for service in ("identity", "projects", "contributions"):
        await ensure_service_stream(js, service)
    yield client
    await client.close()


@pytest.fixture(scope="session")
def keycloak_admin(keycloak_endpoint) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name="master",
    )


@pytest.fixture(scope="session")
def town(keycloak_admin, keycloak_endpoint) -> Iterator[Tenant]:
    """A Belgian town in all three languages, with staff in every role (one realm per
    session: creating a realm is the slowest step of the suite)."""
    realm = create_realm(keycloak_admin, keycloak_endpoint.url, "wtown")
    yield Tenant(realm.name, languages=["nl", "fr", "en"], realm=realm)
    realm.delete()


@pytest.fixture(scope="session")
def city() -> Tenant:
    """A Dutch city in Dutch only: the other tenant, whose data the town must never see."""
    return Tenant(f"wcity-{secrets.token_hex(3)}", languages=["nl"])


@pytest.fixture(scope="session")
def village() -> Tenant:
    """A tenant that is deleted during the tests."""
    return Tenant(f"wvillage-{secrets.token_hex(3)}", languages=["fr"])


@pytest.fixture(scope="session")
def test_manifest(town: Tenant, city: Tenant, village: Tenant) -> ServiceManifest:
    """The real consumers under durable names of their own, listening to our tenants only:
    other processes on the shared NATS (other suites, `make run`) keep theirs."""
    suffix = secrets.token_hex(3)
    consumers = []
    for spec, handler in CONSUMERS:
        subjects = [
            subject.replace("inspraak.*.", f"inspraak.{tenant.slug}.")
            for subject in spec.filter_subjects
            for tenant in (town, city, village)
        ]
        test_spec = dataclasses.replace(
            spec,
            durable=f"{spec.durable}-test-{suffix}",
            filter_subjects=subjects,
            backoff_seconds=(0.2, 0.5),
        )
        consumers.append((test_spec, handler))
    return dataclasses.replace(MANIFEST, consumers=consumers)


@pytest.fixture(scope="session")
def dns() -> TableResolver:
    return TableResolver()


@pytest.fixture(scope="session")
def gateway() -> FakeGateway:
    """Answers at the tenants' domains like the gateway would; knows no host until told."""
    return FakeGateway()


@pytest.fixture(scope="session")
def network(gateway: FakeGateway) -> Iterator[LocalNetwork]:
    """Every domain reaches the fake gateway, unless a test routes it elsewhere."""
    with serving(gateway) as server:
        yield LocalNetwork(default=f"http://127.0.0.1:{server.server_port}")


@pytest.fixture(scope="session")
def app(
    test_manifest: ServiceManifest,
    settings: ServiceSettings,
    dns: TableResolver,
    network: LocalNetwork,
) -> FastAPI:
    # The real HTTP prober, aimed at local servers instead of the internet.
    prober = HttpProber(timeout_seconds=0.5, url_for=network.url_for)
    return build_app(test_manifest, settings, dns_resolver=dns, host_prober=prober)


@pytest.fixture(scope="session")
async def api(
    app: FastAPI, test_manifest: ServiceManifest, nats_client: Client, town: Tenant, city: Tenant
) -> AsyncIterator[httpx.AsyncClient]:
    """The service, with both tenants announced by identity over NATS and applied."""
    async with started(app) as http:
        for tenant in (town, city):
            await publish(
                nats_client, "identity", "tenant", "applied", tenant.slug, tenant.snapshot(1)
            )
        for tenant in (town, city):
            await eventually(
                lambda t=tenant: http.get("/v1/widget/fragment/button", headers=t.headers()),
                lambda r: r.status_code == 200,
            )
        yield http
    js = nats_client.jetstream()
    for spec, _ in test_manifest.consumers:
        # Best-effort cleanup of the shared server.
        with contextlib.suppress(Exception):
            await js.delete_consumer(spec.stream, spec.durable)


@pytest.fixture
def publish_as(nats_client: Client):
    """`await publish_as("projects", "project", "published", tenant, data)`."""

    async def send(service: str, entity: str, verb: str, tenant: Tenant, data: dict) -> None:
        await publish(nats_client, service, entity, verb, tenant.slug, data)

    return send


@pytest.fixture
def wait(api: httpx.AsyncClient):
    """Wait until GET `path` for a tenant answers as `accept` wants (events are asynchronous)."""

    async def until(tenant: Tenant, path: str, accept, **params: Any) -> httpx.Response:
        return await eventually(
            lambda: api.get(path, headers=tenant.headers(), params=params), accept
        )

    return until
