"""The realm follows the widget service's `widget.domains.changed` (the IT officer's
domains), newest version only, until the operator's spec changes its domains again."""

import asyncio
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from inspraak_identity.config import IdentitySettings
from inspraak_identity.keycloak.admin import KeycloakGateway
from inspraak_identity.tenants import service
from inspraak_identity.tenants.schemas import WidgetDomains
from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events import CloudEvent, new_event
from tests.support.world import TenantWorld, apply

pytestmark = pytest.mark.keycloak
CONSUMER = "identity-widget"


def domains_event(tenant: str, version: int, primary: str, aliases: list[str]) -> CloudEvent:
    return new_event(
        tenant=tenant,
        service="widget",
        entity="domains",
        verb="changed",
        subject=tenant,
        data={"slug": tenant, "version": version, "primary": primary, "aliases": aliases},
    )


async def publish(world: TenantWorld, event: CloudEvent, *, copy: int = 0) -> None:
    # A second copy needs its own Nats-Msg-Id, or JetStream drops it as a duplicate.
    msg_id = event.id if copy == 0 else f"{event.id}-copy{copy}"
    await world.js.publish(event.nats_subject, event.to_json(), headers={"Nats-Msg-Id": msg_id})


async def eventually(check: Callable[[], Awaitable[bool]], what: str, timeout: float = 45.0):
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"never happened: {what}")
        await asyncio.sleep(0.2)


async def handled(world: TenantWorld, event: CloudEvent) -> int:
    """How often the consumer committed the event (its inbox rows)."""
    rows = await world.sql(
        "SELECT count(*) FROM inbox_message WHERE consumer = :c AND event_id = :id",
        c=CONSUMER,
        id=event.id,
    )
    return int(rows.scalar_one())


async def wait_handled(world: TenantWorld, event: CloudEvent) -> None:
    async def done() -> bool:
        return await handled(world, event) > 0

    await eventually(done, f"{event.type} v{event.data['version']} handled")


def expected(hosts: list[str]) -> tuple[list[str], list[str]]:
    return sorted(f"https://{h}/auth/callback" for h in hosts), sorted(
        f"https://{h}" for h in hosts
    )


@pytest.fixture(scope="module")
def realm(closed: TenantWorld, keycloak_endpoint) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name=closed.slug,
        user_realm_name="master",
    )


async def web_client(realm: KeycloakAdmin) -> tuple[list[str], list[str]]:
    client = await realm.a_get_client(await realm.a_get_client_id("inspraak-web"))
    return sorted(client["redirectUris"]), sorted(client["webOrigins"])


async def wait_for_hosts(realm: KeycloakAdmin, hosts: list[str]) -> None:
    async def matches() -> bool:
        return await web_client(realm) == expected(hosts)

    await eventually(matches, f"inspraak-web serves {hosts}")


async def stored(world: TenantWorld) -> dict[str, Any]:
    rows = await world.sql(
        "SELECT primary_domain, domain_aliases, widget_domains_version, version "
        "FROM tenant WHERE slug = :slug",
        slug=world.slug,
    )
    return dict(rows.mappings().one())


def hosts_of(world: TenantWorld, name: str) -> list[str]:
    return [f"{name}.{world.slug}.example.org", f"www.{name}.{world.slug}.example.org"]


class TestWidgetDomains:
    async def test_newer_domains_become_the_realms_redirects_and_origins(self, closed, realm):
        hosts = hosts_of(closed, "first")
        event = domains_event(closed.slug, 10, hosts[0], hosts[1:])
        await publish(closed, event)
        await wait_for_hosts(realm, hosts)
        # Keycloak changes before the database commits: the row is final once handled.
        await wait_handled(closed, event)
        row = await stored(closed)
        assert (row["primary_domain"], row["domain_aliases"]) == (hosts[0], hosts[1:])
        assert row["widget_domains_version"] == 10

    async def test_invitations_link_to_the_primary_domain_in_use(self, closed):
        invitation = await closed.invite(await closed.token("sam"), role="communications")
        created = await closed.events(
            "invitation.created", lambda e: e.data["invitation_id"] == invitation["id"]
        )
        assert created[0].data["accept_url"].startswith(f"https://first.{closed.slug}.")

    async def test_the_tenant_snapshot_is_not_republished(self, closed):
        # tenant.applied carries the spec's domains; the widget announced its own change.
        applied = await closed.events("tenant.applied", count=2, timeout=1.0)
        assert len(applied) == 1

    async def test_an_older_version_changes_nothing(self, closed, realm):
        late = domains_event(closed.slug, 9, f"late.{closed.slug}.example.org", [])
        await publish(closed, late)
        await wait_handled(closed, late)
        assert await web_client(realm) == expected(hosts_of(closed, "first"))
        assert (await stored(closed))["widget_domains_version"] == 10

    async def test_a_redelivered_event_is_handled_once(self, closed, realm):
        second = hosts_of(closed, "second")
        event = domains_event(closed.slug, 11, second[0], second[1:])
        await publish(closed, event)
        await wait_for_hosts(realm, second)
        await wait_handled(closed, event)
        third = hosts_of(closed, "third")
        newer = domains_event(closed.slug, 12, third[0], third[1:])
        await publish(closed, newer)
        await wait_for_hosts(realm, third)
        await wait_handled(closed, newer)
        # The older event again, after the newer one: it must not roll the realm back.
        await publish(closed, event, copy=1)
        marker = domains_event(closed.slug, 12, third[0], third[1:])  # same version: no-op
        await publish(closed, marker)
        await wait_handled(closed, marker)  # the stream is ordered: the copy came before it
        assert await handled(closed, event) == 1
        assert await web_client(realm) == expected(third)
        assert (await stored(closed))["widget_domains_version"] == 12

    async def test_an_unknown_tenant_is_ignored_not_retried(self, closed):
        event = domains_event(f"t-gone-{secrets.token_hex(3)}", 1, "gone.example.org", [])
        await publish(closed, event)
        # Handled means committed: the handler returned instead of raising for a retry.
        await wait_handled(closed, event)

    async def test_invalid_host_names_are_ignored(self, closed, realm):
        event = domains_event(closed.slug, 13, "https://bad host/", [])
        await publish(closed, event)
        await wait_handled(closed, event)
        assert await web_client(realm) == expected(hosts_of(closed, "third"))
        assert (await stored(closed))["widget_domains_version"] == 12


class TestKeycloakUnavailable:
    async def test_the_change_fails_for_a_retry_and_stores_nothing(self, closed, settings, engine):
        assert isinstance(settings, IdentitySettings)
        down = settings.model_copy(update={"keycloak_url": "http://127.0.0.1:9"})
        keycloak = KeycloakGateway(down)
        before = await stored(closed)
        change = WidgetDomains(version=99, primary=f"down.{closed.slug}.example.org")
        try:
            async with AsyncSession(engine) as session:
                with pytest.raises(KeycloakError):
                    await service.follow_widget_domains(
                        session, keycloak, down, closed.slug, change
                    )
                await session.rollback()
        finally:
            await keycloak.aclose()
        assert await stored(closed) == before


class TestOperatorSpec:
    """Runs after the widget tests above: the realm serves the widget's `third` hosts."""

    async def test_an_apply_with_unchanged_domains_keeps_the_widget_domains(
        self, closed, client, realm
    ):
        response = await apply(client, closed.spec)
        assert response.status_code == 200, response.text
        assert response.json()["changed"] is False
        assert await web_client(realm) == expected(hosts_of(closed, "third"))

    async def test_an_apply_that_changes_the_domains_wins(self, closed, client, realm):
        hosts = hosts_of(closed, "spec")
        spec = {**closed.spec, "domains": {"primary": hosts[0], "aliases": hosts[1:]}}
        response = await apply(client, spec)
        assert response.status_code == 200, response.text
        assert await web_client(realm) == expected(hosts)
        row = await stored(closed)
        assert (row["primary_domain"], row["domain_aliases"]) == (hosts[0], hosts[1:])
        applied = await closed.events("tenant.applied", count=2)
        assert applied[-1].data["domains"] == {"primary": hosts[0], "aliases": hosts[1:]}
        assert applied[-1].data["version"] == 2
        # The widget follows the spec and announces it as its next version: nothing changes.
        echo = domains_event(closed.slug, 14, hosts[0], hosts[1:])
        await publish(closed, echo)
        await wait_handled(closed, echo)
        assert await web_client(realm) == expected(hosts)
