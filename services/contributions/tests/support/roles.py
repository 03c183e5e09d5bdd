"""identity's role events, shaped as `inspraak_identity.roles.events` sends them."""

import secrets
from datetime import datetime
from typing import Any

from inspraak_shared.events import CloudEvent, new_event


def new_grant_id() -> str:
    return f"g-{secrets.token_hex(6)}"


def grant_data(
    grant_id: str,
    user_id: str,
    username: str,
    scoped_role: str,
    *,
    status: str = "active",
) -> dict[str, Any]:
    """`scoped_role` as in the token: `project_moderator:project:p-1[:external]`."""
    role, scope, scope_id, *rest = scoped_role.split(":")
    return {
        "grant_id": grant_id,
        "user_id": user_id,
        "username": username,
        "role": role,
        "scope": scope,
        "scope_id": scope_id,
        "external": rest == ["external"],
        "status": status,
    }


def role_event(
    tenant: str, verb: str, data: dict[str, Any], *, time: datetime | None = None
) -> CloudEvent:
    event = new_event(
        tenant=tenant,
        service="identity",
        entity="role",
        verb=verb,
        subject=data["user_id"],
        data=data,
    )
    return event if time is None else event.model_copy(update={"time": time})
