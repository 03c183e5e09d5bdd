"""Making a tenant known the way production does: identity's `tenant.applied` event."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from nats.aio.client import Client

from inspraak_shared.events import new_event

T = TypeVar("T")


def tenant_snapshot(slug: str, *, primary: str, aliases: list[str]) -> dict[str, Any]:
    """`identity.tenant.applied` data as docs/events.md describes it."""
    return {
        "slug": slug,
        "version": 1,
        "display_name": f"Gemeente {slug}",
        "country": "BE",
        "default_language": "nl",
        "languages": ["nl", "fr", "en"],
        "domains": {"primary": primary, "aliases": aliases},
        "allow_external_moderators": False,
        "allow_self_registration": True,
        "require_project_approval": False,
        "keycloak_issuer": f"http://keycloak/realms/{slug}",
        "branding": {"primary_color": "#0b5394", "logo_url": None},
    }


async def publish_as_identity(
    nats_client: Client, entity: str, verb: str, tenant: str, data: dict[str, Any]
) -> None:
    event = new_event(
        tenant=tenant, service="identity", entity=entity, verb=verb, subject=tenant, data=data
    )
    ack = await nats_client.jetstream().publish(
        event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": event.id}
    )
    assert ack.stream


async def eventually(
    probe: Callable[[], Awaitable[T]], accept: Callable[[T], bool], timeout: float = 20.0
) -> T:
    last: T | None = None
    try:
        async with asyncio.timeout(timeout):
            while True:
                last = await probe()
                if accept(last):
                    return last
                await asyncio.sleep(0.2)
    except TimeoutError:
        raise AssertionError(f"not within {timeout}s; last seen: {last!r}") from None
