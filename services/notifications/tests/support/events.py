"""Events as the other services publish them (docs/events.md), and a publisher onto JetStream."""

import uuid
from datetime import UTC, datetime
from typing import Any

from nats.js import JetStreamContext

from inspraak_shared.events import CloudEvent, ensure_service_stream, new_event

SOURCES = ("identity", "projects", "contributions")


async def ensure_streams(js: JetStreamContext) -> None:
    """The owning services create these when they start; here the tests publish instead."""
    for source in SOURCES:
        await ensure_service_stream(js, source)


class Publisher:
    def __init__(self, js: JetStreamContext) -> None:
        self.js = js

    async def publish(self, event: CloudEvent, *, msg_id: str | None = None) -> CloudEvent:
        headers = {"Nats-Msg-Id": msg_id or event.id}
        await self.js.publish(event.nats_subject, event.to_json(), headers=headers)
        return event

    async def all(self, *events: CloudEvent) -> None:
        for event in events:
            await self.publish(event)


def event(
    tenant: str,
    service: str,
    entity: str,
    verb: str,
    subject: str,
    data: dict[str, Any],
    at: datetime | None = None,
) -> CloudEvent:
    made = new_event(
        tenant=tenant, service=service, entity=entity, verb=verb, subject=subject, data=data
    )
    return made.model_copy(update={"time": at}) if at is not None else made


def new_id() -> str:
    return str(uuid.uuid4())


def tenant_applied(
    tenant: str,
    *,
    display_name: str,
    at: datetime | None = None,
    default_language: str = "nl",
    version: int = 1,
    color: str = "#0b5394",
) -> CloudEvent:
    data = {
        "slug": tenant,
        "version": version,
        "display_name": display_name,
        "country": "BE",
        "default_language": default_language,
        "languages": ["nl", "fr", "en"],
        "domains": {"primary": f"{tenant}.inspraak.example", "aliases": []},
        "allow_external_moderators": True,
        "allow_self_registration": True,
        "require_project_approval": True,
        "branding": {"primary_color": color, "logo_url": None},
    }
    return event(tenant, "identity", "tenant", "applied", tenant, data, at)


def user_registered(
    tenant: str, user_id: str, username: str, email: str, language: str, at: datetime | None = None
) -> CloudEvent:
    data = {
        "user_id": user_id,
        "username": username,
        "kind": "person",
        "email": email,
        "language": language,
    }
    return event(tenant, "identity", "user", "registered", user_id, data, at)


def role_granted(
    tenant: str,
    user_id: str,
    username: str,
    role: str,
    scope: str | None = None,
    scope_id: str | None = None,
    at: datetime | None = None,
) -> CloudEvent:
    data = {
        "user_id": user_id,
        "username": username,
        "role": role,
        "scope": scope,
        "scope_id": scope_id,
        "external": False,
        "status": "active",
    }
    return event(tenant, "identity", "role", "granted", user_id, data, at)


def user_erased(tenant: str, user_id: str) -> CloudEvent:
    return event(tenant, "identity", "user", "erased", user_id, {"user_id": user_id})


def department(
    tenant: str, department_id: str, name: str, heads: list[str], version: int = 1
) -> CloudEvent:
    data = {
        "department_id": department_id,
        "version": version,
        "slug": department_id,
        "name": {"nl": name, "fr": name, "en": name},
        "head_user_ids": heads,
    }
    return event(tenant, "projects", "department", "created", department_id, data)


def project(
    tenant: str,
    verb: str,
    project_id: str,
    *,
    title: str,
    department_id: str,
    moderators: list[str],
    version: int,
    status: str = "published",
    published_at: datetime | None = None,
    phases: list[dict[str, Any]] | None = None,
    at: datetime | None = None,
    entity: str = "project",
    **extra: Any,
) -> CloudEvent:
    data = {
        "project_id": project_id,
        "version": version,
        "slug": f"p-{project_id[:8]}",
        "department_id": department_id,
        "status": status,
        "visibility": "public",
        "allowed_group_ids": [],
        "title": {"nl": f"{title} (nl)", "fr": f"{title} (fr)", "en": f"{title} (en)"},
        "summary": {"nl": "..."},
        "goal": {"nl": "..."},
        "input_use": {"nl": "We nemen het mee in de raad.", "en": "The council uses it."},
        "areas": [],
        "topics": [],
        "area_geometry": None,
        "header_image_url": None,
        "moderator_user_ids": moderators,
        "published_at": published_at.isoformat() if published_at else None,
        "phases": phases or [],
        **extra,
    }
    return event(tenant, "projects", entity, verb, project_id, data, at)


def input_snapshot(
    tenant: str,
    verb: str,
    input_id: str,
    *,
    project_id: str,
    author_id: str,
    author: str,
    title: str,
    version: int,
    created_at: datetime,
    status: str = "proposed",
    official_response: str | None = None,
    at: datetime | None = None,
) -> CloudEvent:
    data = {
        "input_id": input_id,
        "version": version,
        "project_id": project_id,
        "phase_id": None,
        "author_user_id": author_id,
        "author_username": author,
        "title": title,
        "topic_id": None,
        "status": status,
        "official_response": official_response,
        "hidden": False,
        "location": None,
        "counts": {"comments": 0, "up": 0, "down": 0, "votes": 0},
        "created_at": created_at.isoformat(),
    }
    return event(tenant, "contributions", "input", verb, input_id, data, at)


def comment_created(
    tenant: str,
    *,
    project_id: str,
    input_id: str,
    author_id: str,
    author: str,
    parent_author_id: str | None = None,
    at: datetime | None = None,
) -> CloudEvent:
    comment_id = new_id()
    data = {
        "comment_id": comment_id,
        "input_id": input_id,
        "project_id": project_id,
        "parent_comment_id": new_id() if parent_author_id else None,
        "author_user_id": author_id,
        "author_username": author,
        "parent_author_user_id": parent_author_id,
        "input_author_user_id": None,
        "official": False,
    }
    return event(tenant, "contributions", "comment", "created", comment_id, data, at)


def item_reported(tenant: str, project_id: str, reason: str) -> CloudEvent:
    item_id = new_id()
    data = {
        "item_type": "comment",
        "item_id": item_id,
        "project_id": project_id,
        "reason": reason,
        "open_reports": 2,
    }
    return event(tenant, "contributions", "item", "reported", item_id, data)


def votes_changed(
    tenant: str, project_id: str, input_id: str, votes: int, version: int, at: datetime
) -> CloudEvent:
    data = {
        "project_id": project_id,
        "phase_id": "phase-1",
        "input_id": input_id,
        "votes": votes,
        "version": version,
    }
    return event(tenant, "contributions", "votes", "changed", input_id, data, at)


def survey_submitted(
    tenant: str, project_id: str, phase_id: str, responses: int, at: datetime
) -> CloudEvent:
    data = {
        "project_id": project_id,
        "phase_id": phase_id,
        "survey_id": None,
        "responses": responses,
    }
    return event(tenant, "contributions", "survey", "submitted", phase_id, data, at)


def invitation_created(
    tenant: str, email: str, language: str, *, inviter: str, message: str
) -> CloudEvent:
    invitation_id = new_id()
    data = {
        "invitation_id": invitation_id,
        "email": email,
        "role": "project_moderator",
        "scope": "project",
        "scope_id": "p1",
        "external": True,
        "accept_url": f"https://{tenant}.inspraak.example/invitations/{invitation_id}/accept",
        "expires_at": datetime(2031, 3, 1, 17, 30, tzinfo=UTC).isoformat(),
        "inviter_user_id": None,
        "inviter_username": inviter,
        "message": message,
        "language": language,
        "tenant_display_name": "Test",
    }
    return event(tenant, "identity", "invitation", "created", invitation_id, data)


def invitation_accepted(tenant: str, *, inviter_id: str, user_id: str, username: str) -> CloudEvent:
    invitation_id = new_id()
    data = {
        "invitation_id": invitation_id,
        "user_id": user_id,
        "username": username,
        "role": "department_head",
        "scope": "department",
        "scope_id": "d1",
        "inviter_user_id": inviter_id,
    }
    return event(tenant, "identity", "invitation", "accepted", invitation_id, data)


def update_posted(
    tenant: str, project_id: str, *, title: str, body: str, poster: str
) -> CloudEvent:
    update_id = new_id()
    data = {
        "project_id": project_id,
        "update_id": update_id,
        # As projects sends them: language maps, the body as (sanitised) HTML paragraphs.
        "title": {"en": title},
        "body": {"en": f"<p>{body}</p>"},
        "posted_by_user_id": poster,
    }
    return event(tenant, "projects", "update", "posted", update_id, data)


def follower_added(tenant: str, project_id: str, user_id: str) -> CloudEvent:
    data = {"project_id": project_id, "user_id": user_id}
    return event(tenant, "projects", "follower", "added", project_id, data)
