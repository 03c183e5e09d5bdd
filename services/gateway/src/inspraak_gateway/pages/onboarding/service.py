"""What the guide and the terms page read from identity, and the first stop after sign-in."""

import asyncio
import logging
from typing import Any
from urllib.parse import quote

from inspraak_gateway.pages.onboarding.guide import FIRST_STEPS
from inspraak_gateway.web.api import ServiceApi
from inspraak_shared.problems import NotFound, Problem

logger = logging.getLogger("inspraak.gateway.onboarding")
STAFF_REALM_ROLES = ("superadmin", "policy_maker", "communications", "it_admin", "support")


def role_keys(me: dict[str, Any], *, live: bool = True) -> list[str]:
    """The catalogue keys of a person's roles (an external moderator has their own)."""
    keys = [role for role in STAFF_REALM_ROLES if role in me.get("roles", [])]
    statuses = {"active", "pending_terms"} if live else {"active"}
    for grant in me.get("grants", []):
        if grant.get("status", "active") not in statuses:
            continue
        key = grant["role"]
        if key == "project_moderator" and grant.get("external"):
            key = "project_moderator_external"
        if key not in keys:
            keys.append(key)
    return keys


def waits_for_terms(me: dict[str, Any]) -> bool:
    return any(g.get("status") == "pending_terms" for g in me.get("grants", []))


async def guide(api: ServiceApi, keys: list[str]) -> dict[str, Any]:
    """The catalogue entries of `keys`, each with its first steps."""
    catalogue = await api.get("identity", "/team/roles")
    by_key = {
        ("project_moderator_external" if p.get("external") else p["role"]): p for p in catalogue
    }
    sections = [
        {**by_key[key], "key": key, "steps": FIRST_STEPS.get(key, ())}
        for key in keys
        if key in by_key
    ]
    return {"sections": sections}


async def my_guide(api: ServiceApi) -> dict[str, Any]:
    me, checklist = await asyncio.gather(
        api.get("identity", "/me"), api.get("identity", "/me/onboarding")
    )
    data = await guide(api, role_keys(me))
    return {**data, "checklist": checklist, "waits_for_terms": waits_for_terms(me)}


async def current_terms(api: ServiceApi) -> dict[str, Any] | None:
    try:
        return dict(await api.get("identity", "/terms"))
    except NotFound:
        return None  # the superadmin has not published terms yet


async def first_stop(api: ServiceApi, return_to: str) -> str:
    """Where a browser goes right after signing in: an external moderator first accepts
    the terms; a staff member signing in for the first time gets the guide. Sign-in never
    fails over this: when identity does not answer, the person goes where they wanted."""
    try:
        me = await api.get("identity", "/me")
        if not isinstance(me, dict):
            return return_to
        if waits_for_terms(me):
            return f"/staff/terms?welcome=1&next={quote(return_to, safe='')}"
        if not role_keys(me):
            return return_to
        checklist = await api.get("identity", "/me/onboarding")
        first = next((i for i in checklist.get("items", []) if i.get("key") == "sign-in"), None)
        if first is None or first.get("done"):
            return return_to
        await api.json("PUT", "identity", "/me/onboarding/sign-in", json={"done": True})
        return "/staff/guide?welcome=1"
    except (Problem, KeyError, TypeError, ValueError, AttributeError) as exc:
        logger.warning("no onboarding stop after sign-in: %s", exc)
        return return_to
