"""The account pages' calls: identity for the profile, notifications for the feed."""

import asyncio
from typing import Any

from inspraak_gateway.web.api import ServiceApi


async def profile(api: ServiceApi) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The person's account, and the municipality's areas to choose a neighbourhood from."""
    me, areas = await asyncio.gather(api.get("identity", "/me"), api.get("projects", "/areas"))
    return me, list(areas or [])


async def update_profile(api: ServiceApi, changes: dict[str, Any]) -> dict[str, Any]:
    return dict(await api.json("PATCH", "identity", "/me", json=changes))


async def notifications(api: ServiceApi, language: str) -> dict[str, Any]:
    return dict(await api.get("notifications", "/me/notifications", language=language, limit=50))


async def mark_all_read(api: ServiceApi) -> None:
    await api.json("POST", "notifications", "/me/notifications/read-all")


# Erasure deletes the Keycloak account and anonymises everything: allow it longer than a
# page's usual wait.
ERASURE_TIMEOUT_SECONDS = 120.0


async def erase(api: ServiceApi, confirm_username: str) -> None:
    await api.json(
        "POST",
        "identity",
        "/me/erasure",
        json={"confirmUsername": confirm_username},
        wait_seconds=ERASURE_TIMEOUT_SECONDS,
    )
