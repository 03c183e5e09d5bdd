"""The shared test municipality: per language (nl, fr, en) a cast of people with a project.

Its events are published as the other services would, in the order a municipality
grows; modules of the suite read the mail, feeds and rows it produces.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI
from inspraak_notifications.directory.models import TenantInfo
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.projects.models import ProjectView
from sqlmodel import func, select

from tests.support import events as ev
from tests.support.keycloak import Realm, add_user
from tests.support.service import Service, delete_consumers, eventually, running_service

LANGUAGES = ("nl", "fr", "en")
ROLES_BY_LANGUAGE = ("sup", "mod", "dig", "head", "fol", "author", "pm", "invitee", "other")

# Which kinds reach which member of the cast (DELIVERY_FAILED: see mail/test_delivery.py).
EXPECTED = {
    T.INVITATION: "invitee",
    T.INVITATION_ACCEPTED: "sup",
    T.NEW_INPUT: "mod",
    T.MODERATOR_DIGEST: "dig",
    T.ITEM_REPORTED: "mod",
    T.INPUT_STATUS_CHANGED: "author",
    T.OFFICIAL_RESPONSE: "author",
    T.COMMENT_REPLY: "author",
    T.PROJECT_PUBLISHED: "fol",
    T.PHASE_STARTED: "fol",
    T.UPDATE_POSTED: "fol",
    T.APPROVAL_REQUESTED: "head",
    T.APPROVAL_DECIDED: "mod",
    T.DEPARTMENT_DIGEST: "head",
    T.POLICY_UPDATE: "pm",
}


class Cast:
    def __init__(self, run_id: str, tenant: str) -> None:
        self.run_id, self.tenant = run_id, tenant
        self.ids = {(r, lang): ev.new_id() for r in ROLES_BY_LANGUAGE for lang in LANGUAGES}
        self.projects = {lang: ev.new_id() for lang in LANGUAGES}
        self.departments = {lang: ev.new_id() for lang in LANGUAGES}
        self.inputs = {lang: ev.new_id() for lang in LANGUAGES}

    def email(self, role: str, language: str) -> str:
        return f"{role}-{language}-{self.run_id}@example.org"

    def id(self, role: str, language: str) -> str:
        return self.ids[(role, language)]

    def name(self, role: str, language: str) -> str:
        return f"{role}_{language}_{self.run_id}"


def _project(cast: Cast, language: str, verb: str, version: int, status: str, **extra):
    return ev.project(
        cast.tenant,
        verb,
        cast.projects[language],
        title=f"Park {language}",
        department_id=cast.departments[language],
        moderators=[cast.id("mod", language), cast.id("dig", language)],
        version=version,
        status=status,
        **extra,
    )


def _world(cast: Cast, language: str, started: datetime) -> tuple[list, list, list]:
    """(identity, projects, contributions and invitations) events of one language's cast."""
    t, lang, c = cast.tenant, language, cast
    people = [
        ev.user_registered(t, c.id(r, lang), c.name(r, lang), c.email(r, lang), lang, at=started)
        for r in ROLES_BY_LANGUAGE
        if r != "invitee"
    ]
    roles = [
        ev.role_granted(t, c.id("sup", lang), c.name("sup", lang), "superadmin"),
        ev.role_granted(t, c.id("pm", lang), c.name("pm", lang), "policy_maker"),
        ev.role_granted(t, c.id("head", lang), c.name("head", lang), "department_head", "department", c.departments[lang]),
    ]  # fmt: skip
    phases = [{"phase_id": "ph1", "kind": "ideation", "title": {lang: f"Ideeën {lang}"}}]
    projects = [
        ev.department(t, c.departments[lang], f"Groen {lang}", [c.id("head", lang)]),
        _project(c, lang, "created", 1, "draft"),
        ev.follower_added(t, c.projects[lang], c.id("fol", lang)),
        _project(c, lang, "approval_requested", 2, "awaiting_approval"),
        _project(c, lang, "approval_decided", 3, "draft", decision="approved", comment="Mooi.", decided_by_user_id=c.id("head", lang)),
        _project(c, lang, "published", 4, "published", published_at=started + timedelta(days=1)),
        _project(c, lang, "started", 5, "published", phases=phases, entity="phase", phase_id="ph1"),
        ev.update_posted(t, c.projects[lang], title=f"Werken {lang}", body="Maandag.", poster=c.id("mod", lang)),
    ]  # fmt: skip
    written = datetime.now(UTC) - timedelta(days=2)
    snapshot = {
        "project_id": c.projects[lang],
        "author_id": c.id("author", lang),
        "author": c.name("author", lang),
        "title": f"Meer bomen {lang}",
        "created_at": written,
    }
    contributions = [
        ev.input_snapshot(t, "created", c.inputs[lang], version=1, at=written, **snapshot),
        ev.item_reported(t, c.projects[lang], "spam"),
        ev.input_snapshot(t, "status_changed", c.inputs[lang], version=2, status="accepted", **snapshot),
        ev.input_snapshot(t, "updated", c.inputs[lang], version=3, status="accepted", official_response="We planten er 40.", **snapshot),
        ev.comment_created(t, project_id=c.projects[lang], input_id=c.inputs[lang], author_id=c.id("other", lang), author=c.name("other", lang), parent_author_id=c.id("author", lang)),
    ]  # fmt: skip
    invitations = [
        ev.invitation_created(t, c.email("invitee", lang), lang, inviter=c.name("sup", lang), message="Welkom!"),
        ev.invitation_accepted(t, inviter_id=c.id("sup", lang), user_id=c.id("head", lang), username=c.name("head", lang)),
    ]  # fmt: skip
    return [*people, *roles], projects, [*contributions, *invitations]


@dataclass
class Town:
    cast: "Cast"
    realm: Realm
    service: Service
    other_tenant: str

    @property
    def client(self) -> httpx.AsyncClient:
        return self.service.client

    @property
    def app(self) -> FastAPI:
        return self.service.app


@pytest.fixture(scope="session")
async def town(
    realms, keycloak_admin, database_url, settings_factory, js, publisher, run_id, sessions
):
    realm = realms["town"]
    cast = Cast(run_id, realm.name)
    # Keycloak accounts for the people who use the API; their ids are the cast's ids.
    for role, language, roles in (("sup", "nl", ["superadmin"]), ("author", "nl", ["user"]), ("dig", "nl", ["user"]), ("dig", "fr", ["user"]), ("dig", "en", ["user"])):  # fmt: skip
        cast.ids[(role, language)] = add_user(
            keycloak_admin, realm, cast.name(role, language), roles=roles
        )
    # Tokens now: python-keycloak blocks, and the service will share this event loop.
    for role, language in (
        ("sup", "nl"),
        ("author", "nl"),
        ("dig", "nl"),
        ("dig", "fr"),
        ("dig", "en"),
    ):
        realm.token(cast.name(role, language))
    other_tenant = f"ntf-other-{run_id}"
    started = datetime.now(UTC) - timedelta(days=15)
    settings = settings_factory(database_url)
    async with running_service(
        settings, clock=_RealClock(), tenants=[realm.name, other_tenant]
    ) as service:
        # Moderators who chose the daily digest, before any input arrives.
        for language in LANGUAGES:
            response = await service.client.put(
                f"/v1/me/notification-preferences/{T.NEW_INPUT}",
                json={"daily_digest": True},
                headers=realm.headers(cast.name("dig", language)),
            )
            assert response.status_code == 200, response.text
        # In the order a municipality grows: people and roles, then the tenant (the
        # scheduler starts with it), projects, and then what people write.
        worlds = [_world(cast, language, started) for language in LANGUAGES]
        await publisher.all(*(e for identity, _, _ in worlds for e in identity))
        await publisher.publish(
            ev.tenant_applied(realm.name, display_name="Gemeente Testdorp", at=started)
        )
        await eventually(lambda: _known(sessions, TenantInfo, TenantInfo.slug == realm.name, 1))
        await publisher.all(*(e for _, projects, _ in worlds for e in projects))
        await eventually(lambda: _known(sessions, ProjectView, ProjectView.tenant == realm.name, 3))
        await publisher.all(*(e for _, _, rest in worlds for e in rest))
        # A second municipality with a little life of its own, to check isolation.
        other_id = ev.new_id()
        await publisher.all(
            ev.tenant_applied(other_tenant, display_name="Elders", at=started),
            ev.user_registered(other_tenant, other_id, "elsewhere", cast.email("other", "xx"), "nl"),
            ev.role_granted(other_tenant, other_id, "elsewhere", "superadmin"),
            ev.invitation_created(other_tenant, cast.email("invitee", "xx"), "nl", inviter="elsewhere", message="Hoi"),
        )  # fmt: skip
        yield Town(cast, realm, service, other_tenant)
    await delete_consumers(js, service.durable_prefix)


async def _known(sessions, model, condition, count: int) -> bool:
    async with sessions() as session:
        return (
            await session.exec(select(func.count()).select_from(model).where(condition))
        ).one() >= count


class _RealClock:
    def now(self) -> datetime:
        return datetime.now(UTC)
