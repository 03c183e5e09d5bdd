"""A tenant applied through the operator API, with people brought in the real way.

Tokens come from the realm's `inspraak-cli` client (direct grant); invitation tokens
are read from the `invitation.created` events the service publishes to JetStream.
"""

import asyncio
import base64
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from keycloak import KeycloakAdmin, KeycloakOpenID
from nats.errors import TimeoutError as NatsTimeoutError
from nats.js import JetStreamContext
from nats.js.api import ConsumerConfig, DeliverPolicy
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from inspraak_shared.events import CloudEvent, new_event
from inspraak_shared.tenancy import TENANT_HEADER

OPERATOR_TOKEN = "test-operator-token-" + "x" * 20
PASSWORD = "Correct-Horse-42"
IDENTITY_STREAM = "INSPRAAK_IDENTITY"
# Keycloak's access tokens live 5 minutes; fetch a new one well before.
TOKEN_REUSE_SECONDS = 180


def operator_headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {OPERATOR_TOKEN}"}


def new_spec(**overrides: Any) -> dict[str, Any]:
    slug = overrides.pop("slug", None) or f"t-{secrets.token_hex(4)}"
    spec = {
        "slug": slug,
        "displayName": f"Gemeente {slug}",
        "country": "BE",
        "defaultLanguage": "nl",
        "languages": ["nl", "fr"],
        "domains": {"primary": f"{slug}.example.org", "aliases": [f"inspraak.{slug}.example.org"]},
        "allowExternalModerators": False,
        "allowSelfRegistration": True,
        "requireProjectApproval": True,
        "bootstrapSuperadminEmail": f"superadmin@{slug}.example.org",
    }
    spec.update(overrides)
    return spec


def token_of(accept_url: str) -> str:
    return parse_qs(urlsplit(accept_url).query)["token"][0]


async def read_events(
    js: JetStreamContext,
    subject: str,
    where: Callable[[CloudEvent], bool] = lambda _: True,
    *,
    count: int = 1,
    timeout: float = 15.0,
    stream: str = IDENTITY_STREAM,
) -> list[CloudEvent]:
    """The stream's events on `subject` that match, once at least `count` are there."""
    deadline = time.monotonic() + timeout
    while True:
        found = [e for e in await _all_events(js, stream, subject) if where(e)]
        if len(found) >= count or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.2)


async def _all_events(js: JetStreamContext, stream: str, subject: str) -> list[CloudEvent]:
    subscription = await js.pull_subscribe(
        subject,
        stream=stream,
        config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL, inactive_threshold=5.0),
    )
    events = []
    try:
        while True:
            try:
                messages = await subscription.fetch(100, timeout=0.3)
            except (NatsTimeoutError, TimeoutError):
                break
            for message in messages:
                events.append(CloudEvent.from_json(message.data))
                await message.ack()
    finally:
        await subscription.unsubscribe()
    return events


@dataclass
class TenantWorld:
    client: httpx.AsyncClient
    js: JetStreamContext
    engine: AsyncEngine
    keycloak_url: str
    admin: KeycloakAdmin
    spec: dict[str, Any]
    report: dict[str, Any]
    users: dict[str, str] = field(default_factory=dict)  # username -> user id
    _tokens: dict[str, tuple[float, str]] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return str(self.spec["slug"])

    def headers(self, token: str | None = None) -> dict[str, str]:
        headers = {TENANT_HEADER: self.slug}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def _openid(self) -> KeycloakOpenID:
        return KeycloakOpenID(
            server_url=self.keycloak_url, realm_name=self.slug, client_id="inspraak-cli"
        )

    async def login(self, username: str, password: str = PASSWORD) -> str:
        """A fresh access token; raises KeycloakAuthenticationError when refused."""
        token = (await self._openid().a_token(username, password))["access_token"]
        self._tokens[username] = (time.monotonic(), token)
        return str(token)

    async def token(self, username: str) -> str:
        cached = self._tokens.get(username)
        if cached is not None and time.monotonic() - cached[0] < TOKEN_REUSE_SECONDS:
            return cached[1]
        return await self.login(username)

    async def claims(self, username: str) -> dict[str, Any]:
        token = await self.login(username)
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))

    async def get(self, path: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
        return await self.client.get(path, headers=self.headers(token), **kwargs)

    async def post(self, path: str, token: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = {**self.headers(token), **kwargs.pop("headers", {})}
        return await self.client.post(path, headers=headers, **kwargs)

    async def events(
        self, name: str, where: Callable[[CloudEvent], bool] = lambda _: True, **kw: Any
    ) -> list[CloudEvent]:
        return await read_events(self.js, f"inspraak.{self.slug}.identity.{name}", where, **kw)

    async def invitation_token(
        self, invitation_id: str, verb: str = "created", nth: int = 1
    ) -> str:
        found = await self.events(
            f"invitation.{verb}", lambda e: e.data["invitation_id"] == invitation_id, count=nth
        )
        assert len(found) >= nth, f"no invitation.{verb} event for {invitation_id}"
        return token_of(found[nth - 1].data["accept_url"])

    async def invite(self, inviter: str, **body: Any) -> dict[str, Any]:
        body.setdefault("email", f"{secrets.token_hex(4)}@example.org")
        response = await self.post("/v1/invitations", inviter, json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def accept(self, token: str, username: str, password: str = PASSWORD) -> httpx.Response:
        return await self.post(
            "/v1/invitations/accept",
            json={"token": token, "username": username, "password": password},
        )

    async def onboard(
        self,
        inviter: str,
        username: str,
        role: str,
        *,
        scope_id: str | None = None,
        external: bool = False,
    ) -> dict[str, Any]:
        body: dict[str, Any] = {"role": role, "email": f"{username}@{self.slug}.example.org"}
        if scope_id is not None:
            body["scopeId"] = scope_id
        if external:
            body["external"] = True
        invitation = await self.invite(inviter, **body)
        response = await self.accept(await self.invitation_token(invitation["id"]), username)
        assert response.status_code == 200, response.text
        accepted = dict(response.json())
        self.users[username] = accepted["userId"]
        return accepted

    async def register(self, username: str, **extra: Any) -> dict[str, Any]:
        body = {
            "username": username,
            "email": f"{username}@{self.slug}.example.org",
            "password": PASSWORD,
            **extra,
        }
        response = await self.post("/v1/people/registrations", json=body)
        assert response.status_code == 201, response.text
        self.users[username] = response.json()["userId"]
        return dict(response.json())

    async def accept_terms(self, username: str) -> None:
        token = await self.token(username)
        version = (await self.get("/v1/terms", token)).json()["version"]
        response = await self.post("/v1/me/terms/acceptance", token, json={"version": version})
        assert response.status_code == 201, response.text
        self._tokens.pop(username, None)  # the new scope is in the next token

    async def publish_project(
        self, project_id: str, department_id: str, verb: str = "created"
    ) -> None:
        event = new_event(
            tenant=self.slug,
            service="projects",
            entity="project",
            verb=verb,
            subject=project_id,
            data={"project_id": project_id, "department_id": department_id},
        )
        await self.js.publish(
            event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": event.id}
        )

    async def publish_department(self, department_id: str, verb: str = "created") -> None:
        event = new_event(
            tenant=self.slug,
            service="projects",
            entity="department",
            verb=verb,
            subject=department_id,
            data={"department_id": department_id, "version": 1 if verb == "created" else 2},
        )
        await self.js.publish(
            event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": event.id}
        )

    async def wait_for_department(
        self, department_id: str, *, deleted: bool = False, timeout: float = 20.0
    ) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async with self.engine.connect() as connection:
                rows = await connection.execute(
                    text(
                        "SELECT deleted FROM known_department "
                        "WHERE tenant = :tenant AND department_id = :id"
                    ),
                    {"tenant": self.slug, "id": department_id},
                )
                if rows.scalar_one_or_none() is deleted:
                    return
            await asyncio.sleep(0.2)
        raise AssertionError(f"department {department_id} never reached the read model")

    async def wait_for_projects(self, *project_ids: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            async with self.engine.connect() as connection:
                rows = await connection.execute(
                    text(
                        "SELECT count(*) FROM project_department "
                        "WHERE tenant = :tenant AND project_id = ANY(:ids)"
                    ),
                    {"tenant": self.slug, "ids": list(project_ids)},
                )
                if rows.scalar_one() == len(project_ids):
                    return
            await asyncio.sleep(0.2)
        raise AssertionError(f"projects {project_ids} never reached the read model")

    async def sql(self, statement: str, **params: Any) -> Any:
        async with self.engine.begin() as connection:
            return await connection.execute(text(statement), params)


def master_admin(keycloak_endpoint: Any) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name="master",
    )


async def apply(client: httpx.AsyncClient, spec: dict[str, Any]) -> httpx.Response:
    return await client.put(
        f"/v1/operator/tenants/{spec['slug']}", json=spec, headers=operator_headers()
    )


# Realms this session made; the session deletes them at its end.
CREATED_REALMS: list[str] = []


async def open_world(
    client: httpx.AsyncClient,
    js: JetStreamContext,
    engine: AsyncEngine,
    keycloak_endpoint: Any,
    spec: dict[str, Any],
    *,
    superadmin: str = "sam",
) -> TenantWorld:
    """Apply the spec and let the bootstrap superadmin accept their invitation."""
    response = await apply(client, spec)
    assert response.status_code == 200, response.text
    report = response.json()
    CREATED_REALMS.append(spec["slug"])
    world = TenantWorld(
        client=client,
        js=js,
        engine=engine,
        keycloak_url=keycloak_endpoint.url,
        admin=master_admin(keycloak_endpoint),
        spec=spec,
        report=report,
    )
    token = token_of(report["bootstrapInvitation"]["acceptUrl"])
    accepted = await world.accept(token, superadmin)
    assert accepted.status_code == 200, accepted.text
    world.users[superadmin] = accepted.json()["userId"]
    return world
