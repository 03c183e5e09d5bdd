"""Fixtures of the contributions service's tests: real PostgreSQL, NATS and Keycloak.

One database, one Keycloak realm per tenant and one running app serve the whole session;
tests stay independent by working on projects of their own.
"""

import asyncio
import contextlib
import dataclasses
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import httpx
import nats
import pytest
from inspraak_contributions.manifest import MANIFEST
from inspraak_contributions.projects.handlers import handle_project_event
from inspraak_contributions.roles.handlers import handle_role_event
from keycloak import KeycloakAdmin
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import AsyncEngine

from inspraak_shared.config import ServiceSettings
from inspraak_shared.db import SessionFactory, create_engine, create_session_factory
from inspraak_shared.events import CloudEvent, ensure_deadletter_stream, ensure_service_stream
from inspraak_shared.service import ServiceManifest
from inspraak_shared.tenancy import TENANT_HEADER
from inspraak_shared.testing import migrate, settings_for_test, started_app
from tests.support.areas import AREA_RESIDENTS
from tests.support.keycloak import RealmFixture, add_user, create_test_realm, declare_area
from tests.support.projects import DEPARTMENT, OTHER_DEPARTMENT, project_event
from tests.support.roles import grant_data, new_grant_id, role_event

MODERATED_PROJECTS = ("p-mod-1", "p-mod-2", "p-mod-3", "p-mod-4")
# Scoped roles of the realm's staff, in their tokens and (see `staff_grants`) granted by
# identity. The roles tests grant, park and revoke their own people's roles.
STAFF_SCOPES = {
    "moe": [f"project_moderator:project:{p}" for p in MODERATED_PROJECTS],
    "dora": [f"department_head:department:{DEPARTMENT}"],
    "otto": [f"department_head:department:{OTHER_DEPARTMENT}"],
    "max": ["project_moderator:project:p-rev-1", "department_head:department:dep-rev"],
    "ext": ["project_moderator:project:p-ext-1:external"],
}
RESIDENTS = ("rita", "rob", "ruth", "eve")
VOTERS = tuple(f"voter{n:02d}" for n in range(1, 11))


@pytest.fixture(scope="session")
def keycloak_admin(keycloak_endpoint) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name="master",
    )


@pytest.fixture(scope="session")
def realm(keycloak_admin, keycloak_endpoint) -> RealmFixture:
    """The municipality most tests run in, with one person per role."""
    realm = create_test_realm(keycloak_admin, keycloak_endpoint.url, "gent")
    for name in RESIDENTS + VOTERS:
        add_user(keycloak_admin, realm, name, roles=["user"])
    for name, area_id in AREA_RESIDENTS.items():
        add_user(keycloak_admin, realm, name, roles=["user"])
        declare_area(keycloak_admin, realm, name, area_id)
    for name, scopes in STAFF_SCOPES.items():
        add_user(keycloak_admin, realm, name, roles=[], scopes=scopes)
    add_user(keycloak_admin, realm, "sam", roles=["superadmin"])
    add_user(keycloak_admin, realm, "pim", roles=["policy_maker"])
    add_user(keycloak_admin, realm, "cora", roles=["communications"])
    # Not deleted afterwards: deleting a realm while other suites log in to the same
    # Keycloak makes their admin sessions fail on stale role caches.
    return realm


@pytest.fixture(scope="session")
def other_realm(keycloak_admin, keycloak_endpoint) -> RealmFixture:
    """A second municipality, to prove one never sees the other's data."""
    realm = create_test_realm(keycloak_admin, keycloak_endpoint.url, "brugge")
    add_user(keycloak_admin, realm, "bert", roles=["user"])
    add_user(keycloak_admin, realm, "bea", roles=["superadmin"])
    return realm


@pytest.fixture(scope="session")
async def database_url(fresh_database) -> str:
    url = fresh_database("contributions")
    await migrate(MANIFEST, url)
    return url


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
    # The streams of the services this one consumes from (their owners create them too).
    for service in ("projects", "identity"):
        await ensure_service_stream(js, service)
    await ensure_deadletter_stream(js)
    yield client
    await client.close()


@pytest.fixture(scope="session")
def test_manifest(realm: RealmFixture) -> ServiceManifest:
    """The real consumers, under durable names of their own and for this session's tenants only.

    The NATS server is shared with other suites: this keeps their events out of our
    database and our acks out of their consumers. (The second tenant's projects are
    handed to the handler directly, so its realm is only made where a test needs it.)
    """
    suffix = secrets.token_hex(3)
    consumers = []
    for spec, handler in MANIFEST.consumers:
        subjects = [
            subject.replace("inspraak.*.", f"inspraak.{realm.name}.", 1)
            for subject in spec.filter_subjects
        ]
        own = dataclasses.replace(
            spec,
            durable=f"{spec.durable}-test-{suffix}",
            filter_subjects=subjects,
            backoff_seconds=(0.2, 0.5),
        )
        consumers.append((own, handler))
    return dataclasses.replace(MANIFEST, consumers=consumers)


@pytest.fixture(scope="session")
def settings(database_url: str, nats_url: str, keycloak_endpoint) -> ServiceSettings:
    return settings_for_test(
        MANIFEST,
        database_url=database_url,
        nats_url=nats_url,
        keycloak_url=keycloak_endpoint.url,
        database_pool_size=10,
    )


@pytest.fixture(scope="session")
async def client(
    test_manifest: ServiceManifest, settings: ServiceSettings, nats_client: Client
) -> AsyncIterator[httpx.AsyncClient]:
    async with started_app(test_manifest, settings) as http:
        yield http
    js = nats_client.jetstream()
    for spec, _ in test_manifest.consumers:
        with contextlib.suppress(Exception):  # already gone is fine
            await js.delete_consumer(spec.stream, spec.durable)


class Api:
    """The running app, called as one of the realm's people (or anonymously)."""

    def __init__(self, client: httpx.AsyncClient, realm: RealmFixture) -> None:
        self.client = client
        self.realm = realm
        self.tenant = realm.name

    def headers(self, user: str | None, tenant: str | None = None, **extra: str) -> dict:
        headers = {TENANT_HEADER: tenant or self.tenant, **extra}
        if user is not None:
            headers["Authorization"] = f"Bearer {self.realm.token(user)}"
        return headers

    async def request(
        self,
        method: str,
        path: str,
        user: str | None = None,
        *,
        json: Any = None,
        params: dict | None = None,
        headers: dict | None = None,
    ) -> httpx.Response:
        return await self.client.request(
            method,
            path,
            json=json,
            params=params,
            headers={**self.headers(user), **(headers or {})},
        )

    def user_id(self, username: str) -> str:
        return self.realm.user_ids[username]


@pytest.fixture(scope="session")
def apply_role(
    session_factory: SessionFactory, realm: RealmFixture
) -> Callable[..., Awaitable[None]]:
    """Hand identity's role event to the consumer's handler directly, as one delivery would."""

    async def apply(event: CloudEvent) -> None:
        async with session_factory() as session:
            await handle_role_event(session, event)
            await session.commit()

    return apply


@pytest.fixture(scope="session")
async def staff_grants(apply_role, realm: RealmFixture) -> None:
    """identity's active grants behind the staff's token claims (a claim alone gives nothing)."""
    for name in ("moe", "dora", "otto"):
        for scoped_role in STAFF_SCOPES[name]:
            data = grant_data(new_grant_id(), realm.user_ids[name], name, scoped_role)
            await apply_role(role_event(realm.name, "granted", data))


@pytest.fixture(scope="session")
def api(client: httpx.AsyncClient, realm: RealmFixture, staff_grants: None) -> Api:
    return Api(client, realm)


@pytest.fixture(scope="session")
def other_api(client: httpx.AsyncClient, other_realm: RealmFixture) -> Api:
    return Api(client, other_realm)


@pytest.fixture(scope="session")
def apply_project(
    session_factory: SessionFactory, realm: RealmFixture
) -> Callable[..., Awaitable[None]]:
    """Hand a project snapshot to the consumer's handler directly, as one delivery would."""

    async def apply(data: dict[str, Any], tenant: str | None = None, verb: str = "updated") -> None:
        event = project_event(tenant or realm.name, data, verb)
        async with session_factory() as session:
            await handle_project_event(session, event)
            await session.commit()

    return apply


async def publish(nats_client: Client, event: CloudEvent) -> None:
    await nats_client.jetstream().publish(
        event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": event.id}
    )


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 15.0) -> None:
    async with asyncio.timeout(timeout):
        while not await check():
            await asyncio.sleep(0.1)


async def outbox_events(
    session_factory: SessionFactory, event_type: str, subject: str | None = None
) -> list[CloudEvent]:
    """Events the service enqueued (in order), e.g. `input.created`."""
    from sqlmodel import col, select

    from inspraak_shared.events import OutboxMessage

    async with session_factory() as session:
        rows = (await session.exec(select(OutboxMessage).order_by(col(OutboxMessage.seq)))).all()
    events = [CloudEvent.from_json(r.payload) for r in rows]
    suffix = f".{event_type}.v1"
    return [
        e for e in events if e.type.endswith(suffix) and (subject is None or e.subject == subject)
    ]
