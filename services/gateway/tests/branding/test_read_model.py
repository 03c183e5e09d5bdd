"""The gateway keeps each municipality's name, languages and branding from identity's
`tenant.applied` events: the newest version wins whatever the order of delivery, a
deleted tenant is forgotten, and pages get them at once."""

import secrets
from collections.abc import AsyncIterator

import httpx
import pytest
from inspraak_gateway.branding import service
from inspraak_gateway.branding.handlers import on_identity_event
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.db import create_engine, create_session_factory
from inspraak_shared.events import new_event
from tests.support.events import tenant_snapshot


@pytest.fixture(scope="module")
async def sessions(database_url: str) -> AsyncIterator:
    engine = create_engine(database_url, pool_size=2)
    yield create_session_factory(engine)
    await engine.dispose()


async def deliver(sessions, slug: str, verb: str, **changes) -> None:
    data = {**tenant_snapshot(slug, primary=f"{slug}.test", aliases=[]), **changes}
    event = new_event(
        tenant=slug, service="identity", entity="tenant", verb=verb, subject=slug, data=data
    )
    async with sessions() as session:
        assert isinstance(session, AsyncSession)
        await on_identity_event(session, event)
        await session.commit()


async def branding(sessions, slug: str):
    async with sessions() as session:
        return await service.branding_of(session, slug)


class TestReadModel:
    async def test_a_newer_version_replaces_and_an_older_one_never_rolls_back(self, sessions):
        slug = f"brand-{secrets.token_hex(3)}"
        await deliver(sessions, slug, "applied", version=2, display_name="Gemeente Twee")
        await deliver(sessions, slug, "applied", version=1, display_name="Gemeente Een")
        assert (await branding(sessions, slug)).display_name == "Gemeente Twee"
        await deliver(
            sessions, slug, "applied", version=3, display_name="Gemeente Drie",
            languages=["fr", "nl"], default_language="fr",
            branding={"primary_color": "#AA0000", "logo_url": "https://logo.example/l.svg"},
        )  # fmt: skip
        known = await branding(sessions, slug)
        assert (known.display_name, known.languages, known.default_language) == (
            "Gemeente Drie",
            ("fr", "nl"),
            "fr",
        )
        assert (known.primary_color, known.logo_url) == ("#aa0000", "https://logo.example/l.svg")

    async def test_unsafe_branding_values_are_left_out(self, sessions):
        slug = f"brand-{secrets.token_hex(3)}"
        await deliver(
            sessions, slug, "applied",
            branding={"primary_color": "red;}body{x:y", "logo_url": "javascript:alert(1)"},
        )  # fmt: skip
        known = await branding(sessions, slug)
        assert (known.primary_color, known.logo_url) == (None, None)

    async def test_a_deleted_tenant_is_forgotten(self, sessions):
        slug = f"brand-{secrets.token_hex(3)}"
        await deliver(sessions, slug, "applied", display_name="Weg")
        await deliver(sessions, slug, "deleted")
        assert (await branding(sessions, slug)).display_name == slug  # the neutral default


@pytest.mark.timeout(900)  # the first test waits for the platform and the municipality
class TestServed:
    async def test_pages_link_the_municipality_colours(self, web_url, municipality):
        async with httpx.AsyncClient(
            base_url=web_url, headers={"Host": municipality.primary}, trust_env=False
        ) as client:
            css = await client.get("/branding/theme.css")
            assert css.status_code == 200
            assert css.headers["content-type"].startswith("text/css")
            assert "--inspraak-primary: #0b5394;" in css.text
            page = await client.get("/", headers={"Accept": "text/html"})
            assert '<link rel="stylesheet" href="/branding/theme.css?v=' in page.text
            assert (
                '<link rel="stylesheet" href="/static/vendor/utrecht-components.css">' in page.text
            )
            assert (await client.get("/static/vendor/utrecht-components.css")).status_code == 200

    async def test_the_host_probe_names_the_tenant_of_the_host(self, web_url, municipality):
        async with httpx.AsyncClient(base_url=web_url, trust_env=False) as client:
            known = await client.get(
                "/.well-known/inspraak/host", headers={"Host": f"{municipality.primary}:443"}
            )
            assert known.status_code == 200
            assert known.json() == {"tenant": municipality.slug, "host": municipality.primary}
            unknown = await client.get(
                "/.well-known/inspraak/host", headers={"Host": "nobody.inspraak.test"}
            )
            assert unknown.status_code == 404
