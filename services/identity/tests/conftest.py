"""Fixtures of the identity service's tests: its database (migrated once per session), the
running service with its embedded worker, and the real Keycloak and NATS."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import nats
import pytest
from inspraak_identity.manifest import MANIFEST
from nats.aio.client import Client
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import AsyncEngine

from inspraak_shared.config import ServiceSettings
from inspraak_shared.db import create_engine
from inspraak_shared.events import ensure_service_stream
from inspraak_shared.testing import migrate, settings_for_test, started_app
from tests.support.world import (
    CREATED_REALMS,
    OPERATOR_TOKEN,
    TenantWorld,
    master_admin,
    new_spec,
    open_world,
)


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("identity")
    await migrate(MANIFEST, url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, nats_url: str, keycloak_endpoint) -> ServiceSettings:
    return settings_for_test(
        MANIFEST,
        database_url=database_url,
        nats_url=nats_url,
        keycloak_url=keycloak_endpoint.url,
        keycloak_admin_user=keycloak_endpoint.admin_user,
        keycloak_admin_password=keycloak_endpoint.admin_password,
        operator_token=OPERATOR_TOKEN,
        invitation_sweep_seconds=0.5,
        # Long enough for a project event on its way, short for the refusals tested.
        scope_wait_seconds=3.0,
    )


@pytest.fixture(scope="session")
async def client(
    settings: ServiceSettings, keycloak_endpoint, js: JetStreamContext
) -> AsyncIterator[httpx.AsyncClient]:
    """The service with its embedded worker, so the outbox relay publishes to JetStream.

    After `js`: the streams it consumes exist, so its consumers start without waiting."""
    async with started_app(MANIFEST, settings) as http:
        yield http
    # Test realms would pile up in the shared Keycloak and slow it down.
    admin = master_admin(keycloak_endpoint)
    await asyncio.gather(
        *(admin.a_delete_realm(slug) for slug in CREATED_REALMS), return_exceptions=True
    )


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url, pool_size=2)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
async def nats_client(nats_url: str) -> AsyncIterator[Client]:
    client = await nats.connect(nats_url)
    yield client
    await client.close()


@pytest.fixture(scope="session")
async def js(nats_client: Client) -> JetStreamContext:
    js = nats_client.jetstream()
    # The projects and widget services own these streams; tests publish their events.
    await ensure_service_stream(js, "projects")
    await ensure_service_stream(js, "widget")
    return js


@pytest.fixture(scope="session")
async def staffed(client, js, engine, keycloak_endpoint) -> TenantWorld:
    """One tenant with a person in every role, brought in through real invitations.

    dep-green holds projects p-park and p-square; dep-culture holds p-museum.
    """
    world = await open_world(
        client, js, engine, keycloak_endpoint, new_spec(allowExternalModerators=True)
    )
    await world.publish_project("p-park", "dep-green")
    await world.publish_project("p-square", "dep-green")
    await world.publish_project("p-museum", "dep-culture")
    await world.wait_for_projects("p-park", "p-square", "p-museum")
    sam = await world.token("sam")
    await world.onboard(sam, "paula", "policy_maker")
    await world.onboard(sam, "cor", "communications")
    await world.onboard(sam, "ivo", "it_admin")
    await world.onboard(sam, "suzy", "support")
    await world.onboard(sam, "dirk", "department_head", scope_id="dep-green")
    await world.onboard(sam, "mona", "project_moderator", scope_id="p-park")
    await world.onboard(sam, "mike", "project_moderator", scope_id="p-museum")
    await world.onboard(sam, "eric", "project_moderator", scope_id="p-square", external=True)
    await world.accept_terms("eric")
    await world.register("ursula")
    await world.register("tina")
    return world


@pytest.fixture(scope="session")
def keycloak_admin(keycloak_endpoint):
    from tests.support.world import master_admin

    return master_admin(keycloak_endpoint)


@pytest.fixture(scope="session")
async def closed(client, js, engine, keycloak_endpoint) -> TenantWorld:
    """A second tenant: no external moderators, no self-registration."""
    return await open_world(
        client,
        js,
        engine,
        keycloak_endpoint,
        new_spec(allowExternalModerators=False, allowSelfRegistration=False),
    )
