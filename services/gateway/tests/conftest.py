"""Fixtures of the gateway's tests: its database (migrated once per session) and, for the
tests that prove routing, the real widget and projects services as separate processes
with a tenant announced over their private NATS as identity announces it."""

import secrets
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import nats
import pytest
from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.main import create_app
from inspraak_gateway.manifest import MANIFEST
from keycloak import KeycloakAdmin

from inspraak_shared.events import ensure_service_stream
from inspraak_shared.testing import migrate
from inspraak_stack import platform
from tests.support.events import eventually, publish_as_identity, tenant_snapshot
from tests.support.keycloak import TestRealm, create_realm
from tests.support.servers import free_port, gateway_client, gateway_settings, serve
from tests.support.upstream import harness  # noqa: F401 - a fixture for the whole suite
from tests.support.web import Municipality, PageBrowser, close_municipality, open_municipality
from tests.support.web import eventually as web_eventually

# Every service the pages call; the gateway itself runs in the test process.
PLATFORM_SERVICES = ("identity", "projects", "contributions", "notifications", "widget")


@dataclass(frozen=True)
class Tenant:
    slug: str

    @property
    def primary(self) -> str:
        return f"{self.slug}.inspraak.test"

    @property
    def alias(self) -> str:
        return f"www.{self.slug}.inspraak.test"


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("gateway")
    await migrate(MANIFEST, url)
    return url


@pytest.fixture(scope="session")
def gateway_nats_url(running_platform: platform.RunningPlatform) -> str:
    """The platform's private NATS: a test gateway's durable consumers never take events
    meant for another gateway (`make run`'s) on the stack's shared server."""
    return running_platform.nats_url


@pytest.fixture(scope="session")
def settings(database_url: str, gateway_nats_url: str) -> GatewaySettings:
    return gateway_settings(database_url, gateway_nats_url)


@pytest.fixture
async def client(settings: GatewaySettings) -> AsyncIterator[httpx.AsyncClient]:
    async with gateway_client(create_app(settings), "gateway.inspraak.test") as http:
        yield http


@pytest.fixture(scope="session")
def running_platform(stack_endpoints) -> Iterator[platform.RunningPlatform]:
    """Projects and widget as their own uvicorn processes, databases and NATS."""
    prefix = "gw_" + secrets.token_hex(4)
    ports = {service: platform.free_port() for service in PLATFORM_SERVICES}
    try:
        with platform.start_platform(
            stack_endpoints, services=PLATFORM_SERVICES, database_prefix=prefix, ports=ports
        ) as running:
            yield running
    finally:
        platform.drop_service_databases(
            stack_endpoints.postgres_admin_url, prefix, PLATFORM_SERVICES
        )
        platform.remove_logs(prefix)


@pytest.fixture(scope="session")
async def town(running_platform: platform.RunningPlatform) -> Tenant:
    """A municipality with a primary and an alias domain, known to the widget service."""
    tenant = Tenant(f"gwtown-{secrets.token_hex(3)}")
    await announce(running_platform, tenant)
    return tenant


async def announce(running_platform: platform.RunningPlatform, tenant: Tenant) -> None:
    """Publish the tenant as identity does, and wait until the widget service knows it."""
    client = await nats.connect(running_platform.nats_url)
    try:
        # Identity creates its stream when it starts; it does not run here, so we do.
        await ensure_service_stream(client.jetstream(), "identity")
        snapshot = tenant_snapshot(tenant.slug, primary=tenant.primary, aliases=[tenant.alias])
        await publish_as_identity(client, "tenant", "applied", tenant.slug, snapshot)
    finally:
        await client.close()
    widget = running_platform.urls["widget"]
    async with httpx.AsyncClient(trust_env=False) as http:
        await eventually(
            lambda: http.get(f"{widget}/v1/internal/hosts/{tenant.primary}"),
            lambda response: response.status_code == 200,
        )


@pytest.fixture(scope="session")
def platform_settings(
    database_url: str,
    gateway_nats_url: str,
    running_platform: platform.RunningPlatform,
    keycloak_endpoint,
) -> GatewaySettings:
    """The gateway pointed at the running services; the others are not started (dead ports)."""
    urls = running_platform.urls
    dead = f"http://127.0.0.1:{free_port()}"
    return gateway_settings(
        database_url,
        gateway_nats_url,
        keycloak_url=keycloak_endpoint.url,
        public_scheme="http",
        cookie_secure=False,
        projects_url=urls["projects"],
        widget_url=urls["widget"],
        identity_url=dead,
        contributions_url=dead,
        notifications_url=dead,
    )


@pytest.fixture(scope="session")
def keycloak_admin(keycloak_endpoint) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name="master",
    )


@pytest.fixture(scope="session")
def realm(keycloak_admin: KeycloakAdmin, keycloak_endpoint) -> Iterator[TestRealm]:
    """One tenant realm for the session (creating a realm is the slowest step)."""
    test_realm = create_realm(
        keycloak_admin, keycloak_endpoint.url, "gwrealm", web_redirect_uris=["http://*"]
    )
    yield test_realm
    test_realm.delete()


# --- the web application ------------------------------------------------------------------


@pytest.fixture(scope="session")
def web_settings(
    database_url: str,
    gateway_nats_url: str,
    running_platform: platform.RunningPlatform,
    keycloak_endpoint,
) -> GatewaySettings:
    """The gateway in front of every service, over plain http as on a developer's machine:
    the local platform runs identity with WEB_SCHEME=http, so the realm's web client takes
    http callbacks."""
    urls = running_platform.urls
    return gateway_settings(
        database_url,
        gateway_nats_url,
        keycloak_url=keycloak_endpoint.url,
        public_scheme="http",
        cookie_secure=False,
        # Tests never reach the internet: map tiles point at a closed local port and fail,
        # as they may in real life; the spatial plan's page must work all the same.
        map_tile_url=f"http://127.0.0.1:{free_port()}/{{z}}/{{x}}/{{y}}.png",
        **{f"{service}_url": urls[service] for service in PLATFORM_SERVICES},
    )


@pytest.fixture(scope="session")
def web_assets() -> None:
    """The NL Design System files from npm, as `make install` builds them."""
    script = Path(__file__).resolve().parents[1] / "tools" / "build-assets.sh"
    subprocess.run(["bash", str(script)], check=True, timeout=600)


@pytest.fixture(scope="session")
async def municipality(
    running_platform: platform.RunningPlatform, keycloak_endpoint
) -> AsyncIterator[Municipality]:
    async with httpx.AsyncClient(trust_env=False, timeout=30) as http:
        town = await open_municipality(running_platform.urls, keycloak_endpoint.url, http)
        yield town
        # As an operator removes a municipality: its realm goes with it.
        await close_municipality(town)


@pytest.fixture(scope="session")
async def web_url(web_settings: GatewaySettings, web_assets, municipality) -> AsyncIterator[str]:
    """One gateway for all page tests, served on a real port; ready once it knows the
    municipality's name from identity's event."""
    async with serve(create_app(web_settings), lifespan="on") as url:
        async with httpx.AsyncClient(
            base_url=url, headers={"Host": municipality.primary}, trust_env=False
        ) as probe:
            await web_eventually(
                lambda: probe.get("/", headers={"Accept": "text/html"}),
                lambda r: f"Gemeente {municipality.slug}" in r.text,
            )
        yield url


@pytest.fixture
async def page_browser(web_url: str, municipality) -> AsyncIterator[PageBrowser]:
    """A fresh browser (no cookies) on the municipality's host, from an address of its own.

    Every test is another person at another address, as in real life: the gateway's
    per-address limits (60 sign-ins in 10 minutes) would otherwise count the whole suite's
    sign-ins from 127.0.0.1 together. The test server trusts X-Forwarded-For from
    127.0.0.1, as the gateway behind its ingress trusts the ingress."""
    address = "10.{}.{}.{}".format(*secrets.token_bytes(3))
    async with (
        httpx.AsyncClient(
            base_url=web_url,
            headers={"Host": municipality.primary, "X-Forwarded-For": address},
            trust_env=False,
            timeout=30,
        ) as gateway,
        httpx.AsyncClient(trust_env=False, timeout=30) as keycloak,
    ):
        yield PageBrowser(gateway, keycloak, municipality)
