"""Helpers for the tests: tenants, request headers, payloads, and reading emitted events."""

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from nats.aio.client import Client
from sqlmodel import col, select

from inspraak_shared.db import SessionFactory
from inspraak_shared.events import CloudEvent, OutboxMessage, new_event
from inspraak_shared.tenancy import TENANT_HEADER
from tests.support.keycloak import Person, TestRealm


@dataclass
class Tenant:
    realm: TestRealm
    languages: list[str]
    require_approval: bool

    @property
    def slug(self) -> str:
        return self.realm.name

    def headers(self, person: Person | None = None) -> dict[str, str]:
        return {TENANT_HEADER: self.slug, **(person.auth if person else {})}

    def person(self, username: str, *roles: str, scopes: tuple[str, ...] = ()) -> Person:
        return self.realm.person(username, roles or ("user",), scopes)

    def superadmin(self) -> Person:
        return self.person("superadmin", "superadmin", "user")

    def text(self, value: str) -> dict[str, str]:
        """The same text in every language of the tenant."""
        return {lang: f"{value} ({lang})" for lang in self.languages}


def tenant_snapshot(tenant: Tenant, *, version: int, **overrides: Any) -> dict[str, Any]:
    return {
        "slug": tenant.slug,
        "version": version,
        "display_name": f"Gemeente {tenant.slug}",
        "country": "BE",
        "default_language": tenant.languages[0],
        "languages": tenant.languages,
        "domains": {"primary": f"{tenant.slug}.example.org", "aliases": []},
        "allow_external_moderators": True,
        "allow_self_registration": True,
        "require_project_approval": tenant.require_approval,
        "keycloak_issuer": f"http://keycloak/realms/{tenant.slug}",
        "branding": {"primary_color": "#0b5394", "logo_url": None},
    } | overrides


def event(service: str, entity: str, verb: str, tenant: str, data: dict[str, Any]) -> CloudEvent:
    subject = str(data.get("slug") or data.get("user_id") or data.get("input_id") or tenant)
    return new_event(
        tenant=tenant, service=service, entity=entity, verb=verb, subject=subject, data=data
    )


async def publish(
    nats_client: Client, service: str, entity: str, verb: str, tenant: str, data: dict[str, Any]
) -> CloudEvent:
    """Publish as another service would: to its stream, under the event id."""
    cloud_event = event(service, entity, verb, tenant, data)
    await nats_client.jetstream().publish(
        cloud_event.nats_subject, cloud_event.to_json(), headers={"Nats-Msg-Id": cloud_event.id}
    )
    return cloud_event


async def emitted(
    session_factory: SessionFactory, tenant: str, entity_verb: str, subject: str | None = None
) -> list[dict[str, Any]]:
    """The events of one type this service wrote to its outbox for `tenant`, oldest first."""
    nats_subject = f"inspraak.{tenant}.projects.{entity_verb}"
    async with session_factory() as session:
        rows = (
            await session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.nats_subject == nats_subject)
                .order_by(col(OutboxMessage.seq))
            )
        ).all()
    events = [json.loads(row.payload) for row in rows]
    return [e["data"] for e in events if subject is None or e["subject"] == subject]


def soon(days: float = 1) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(3)}"


async def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


async def make_department(api: httpx.AsyncClient, tenant: Tenant) -> dict[str, Any]:
    response = await api.post(
        "/departments",
        headers=tenant.headers(tenant.superadmin()),
        json={"slug": unique("dept"), "name": tenant.text("Groen")},
    )
    return await ok(response, 201)


def complete_project(tenant: Tenant, department_id: str, **overrides: Any) -> dict[str, Any]:
    return {
        "department_id": department_id,
        "title": tenant.text(unique("Park")),
        "summary": tenant.text("A new park"),
        "description": tenant.text("<p>The <strong>plan</strong></p>"),
        "goal": tenant.text("Decide the park's layout"),
        "input_use": tenant.text("The council decides with your ideas in hand"),
        "target_audience": tenant.text("Neighbours"),
    } | overrides


def phase(
    tenant: Tenant,
    kind: str = "ideation",
    start_days: float = 1,
    end_days: float = 10,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "title": tenant.text(f"{kind} phase"),
        "starts_at": soon(start_days).isoformat(),
        "ends_at": soon(end_days).isoformat(),
    } | extra


async def published_project(
    api: httpx.AsyncClient,
    tenant: Tenant,
    department_id: str,
    *,
    visibility: str = "public",
    **overrides: Any,
) -> dict[str, Any]:
    """A complete project with one ideation phase, published by the superadmin."""
    admin = tenant.headers(tenant.superadmin())
    project = await ok(
        await api.post(
            "/projects", headers=admin, json=complete_project(tenant, department_id, **overrides)
        ),
        201,
    )
    await ok(
        await api.post(f"/projects/{project['id']}/phases", headers=admin, json=phase(tenant)), 201
    )
    project = await ok(await api.post(f"/projects/{project['id']}/publish", headers=admin))
    if visibility != "public":
        project = await ok(
            await api.put(
                f"/projects/{project['id']}/visibility",
                headers=admin,
                json={"visibility": visibility},
            )
        )
    return project


async def handle(session_factory: SessionFactory, cloud_event: CloudEvent) -> None:
    """Run an identity event through the service's handler, as its consumer would."""
    from inspraak_projects.handlers import handle_identity_event

    async with session_factory() as session:
        await handle_identity_event(session, cloud_event)
        await session.commit()


def role_event(
    tenant: str,
    verb: str,
    user_id: str,
    role: str,
    scope: str | None = None,
    scope_id: str | None = None,
    *,
    username: str = "someone",
    external: bool = False,
    status: str = "active",
    at: datetime | None = None,
) -> CloudEvent:
    data = {
        "user_id": user_id, "username": username, "role": role, "scope": scope,
        "scope_id": scope_id, "external": external, "status": status,
    }  # fmt: skip
    cloud_event = event("identity", "role", verb, tenant, data)
    return cloud_event.model_copy(update={"time": at}) if at else cloud_event
