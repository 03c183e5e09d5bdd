"""Publishing events as identity, projects and contributions do, and reading ours."""

import asyncio
import json
import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from nats.aio.client import Client
from sqlmodel import col, select

from inspraak_shared.db import SessionFactory
from inspraak_shared.events import CloudEvent, OutboxMessage, new_event

T = TypeVar("T")


def unique(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(3)}"


def days(n: float) -> datetime:
    return datetime.now(UTC) + timedelta(days=n)


def texts(value: str, languages: tuple[str, ...] = ("nl", "fr", "en")) -> dict[str, str]:
    return {lang: f"{value} [{lang}]" for lang in languages}


def tenant_snapshot(
    slug: str, languages: list[str], *, version: int, primary: str, aliases: list[str], **extra: Any
) -> dict[str, Any]:
    return {
        "slug": slug,
        "version": version,
        "display_name": f"Gemeente {slug}",
        "country": "BE",
        "default_language": languages[0],
        "languages": languages,
        "domains": {"primary": primary, "aliases": aliases},
        "allow_external_moderators": False,
        "allow_self_registration": True,
        "require_project_approval": False,
        "keycloak_issuer": f"http://keycloak/realms/{slug}",
        "branding": {"primary_color": "#0b5394", "logo_url": None},
    } | extra


def phase(kind: str = "ideation", start: float = -1, end: float = 10, **extra: Any) -> dict:
    return {
        "phase_id": unique("phase"),
        "kind": kind,
        "title": texts(f"Phase {kind}"),
        "starts_at": days(start).isoformat(),
        "ends_at": days(end).isoformat(),
        "voting": None,
        "survey_id": None,
    } | extra


def project_snapshot(*, version: int = 1, **overrides: Any) -> dict[str, Any]:
    slug = overrides.pop("slug", None) or unique("project")
    return {
        "project_id": overrides.pop("project_id", None) or unique("p"),
        "version": version,
        "slug": slug,
        "department_id": None,
        "status": "published",
        "visibility": "public",
        "allowed_group_ids": [],
        "allowed_user_ids": [],
        "title": texts(f"Title {slug}"),
        "summary": texts(f"Summary of {slug}"),
        "goal": texts("Goal"),
        "input_use": texts("Input use"),
        "areas": [],
        "topics": [],
        "area_geometry": None,
        "header_image_url": None,
        "moderator_user_ids": ["moderator-user-id"],
        "published_at": datetime.now(UTC).isoformat(),
        "phases": [phase()],
    } | overrides


def input_snapshot(project_id: str, *, version: int = 1, **overrides: Any) -> dict[str, Any]:
    return {
        "input_id": overrides.pop("input_id", None) or unique("i"),
        "version": version,
        "project_id": project_id,
        "phase_id": None,
        "author_user_id": "author-user-id",
        "author_username": "secret-username",
        "title": "More trees on the square",
        "topic_id": None,
        "area_id": None,
        "status": "proposed",
        "official_response": None,
        "hidden": False,
        "deleted": False,
        "location": None,
        "cost": None,
        "counts": {"comments": 2, "up": 3, "down": 0, "votes": 0},
        "created_at": datetime.now(UTC).isoformat(),
    } | overrides


async def publish(
    nats_client: Client, service: str, entity: str, verb: str, tenant: str, data: dict[str, Any]
) -> CloudEvent:
    """Publish as the owning service would: to its stream, under the event id."""
    subject = str(data.get("project_id") or data.get("input_id") or data.get("slug") or tenant)
    if entity == "input":
        subject = data["input_id"]
    event = new_event(
        tenant=tenant, service=service, entity=entity, verb=verb, subject=subject, data=data
    )
    ack = await nats_client.jetstream().publish(
        event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": event.id}
    )
    assert ack.stream, ack
    return event


async def eventually(
    probe: Callable[[], Awaitable[T]], accept: Callable[[T], bool], timeout: float = 15.0
) -> T:
    """Poll until the event-fed read model shows what `accept` wants, or fail with the last value."""
    last: T | None = None
    try:
        async with asyncio.timeout(timeout):
            while True:
                last = await probe()
                if accept(last):
                    return last
                await asyncio.sleep(0.1)
    except TimeoutError:
        raise AssertionError(f"not within {timeout}s; last seen: {last!r}") from None


async def emitted(session_factory: SessionFactory, tenant: str, subject: str) -> list[dict]:
    """The `data` of the events this service wrote to its outbox under a NATS subject."""
    async with session_factory() as session:
        rows = (
            await session.exec(
                select(OutboxMessage)
                .where(OutboxMessage.nats_subject == f"inspraak.{tenant}.{subject}")
                .order_by(col(OutboxMessage.seq))
            )
        ).all()
    return [json.loads(row.payload)["data"] for row in rows]
