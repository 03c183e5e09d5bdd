"""Sign-in through the tenant's real Keycloak realm: the browser's whole round trip, the
session's token on API calls (refreshed when it runs out), CSRF, and sign-out that ends
the Keycloak session."""

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from inspraak_gateway.main import create_app
from inspraak_gateway.sessions import sealing
from inspraak_gateway.sessions.models import WebSession
from inspraak_gateway.sessions.service import safe_return_to
from keycloak import KeycloakOpenID
from pydantic import SecretStr
from sqlalchemy import text, update

from inspraak_shared.db import create_engine
from tests.conftest import Tenant, announce
from tests.support.keycloak import PASSWORD, WEB_CLIENT
from tests.support.servers import gateway_client


@dataclass
class Browser:
    gateway: httpx.AsyncClient
    keycloak: httpx.AsyncClient
    tenant: Tenant

    async def sign_in(self, username: str, return_to: str = "/projects") -> httpx.Response:
        """As a person does: to Keycloak's form, fill it in, come back to the callback."""
        started = await self.gateway.get("/auth/login", params={"return_to": return_to})
        assert started.status_code == 302, started.text
        callback = await self.through_keycloak(started.headers["location"], username)
        return await self.gateway.get(callback)

    async def through_keycloak(self, authorization_url: str, username: str) -> str:
        page = await self.keycloak.get(authorization_url, follow_redirects=True)
        assert page.status_code == 200, page.text
        action = unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
        # Keycloak marks its cookies Secure; over the test's plain http a client would not
        # send them back, a browser on https would: hand them back as a browser does.
        jar = "; ".join(
            value.split(";", 1)[0]
            for response in (*page.history, page)
            for name, value in response.headers.multi_items()
            if name == "set-cookie"
        )
        answer = await self.keycloak.post(
            action,
            data={"username": username, "password": PASSWORD, "credentialId": ""},
            headers={"Cookie": jar},
        )
        assert answer.status_code == 302, answer.text
        location = urlsplit(answer.headers["location"])
        assert location.netloc == self.tenant.primary
        assert location.path == "/auth/callback"
        return f"{location.path}?{location.query}"


@pytest.fixture(scope="module")
async def tenant(realm, running_platform) -> Tenant:
    """The realm's municipality, known to the widget service by its host names."""
    known = Tenant(realm.name)
    await announce(running_platform, known)
    realm.add_user("officer", roles=("superadmin",))
    realm.add_user("resident")
    return known


@pytest.fixture
async def browser(platform_settings, tenant) -> AsyncIterator[Browser]:
    async with (
        gateway_client(create_app(platform_settings), tenant.primary) as gateway,
        httpx.AsyncClient(trust_env=False, timeout=15) as keycloak,
    ):
        yield Browser(gateway, keycloak, tenant)


async def session_row(database_url: str, username: str) -> WebSession:
    engine = create_engine(database_url, pool_size=1)
    try:
        async with engine.connect() as connection:
            result = await connection.execute(
                WebSession.__table__.select().where(WebSession.username == username)  # type: ignore[attr-defined]
            )
            return WebSession(**result.mappings().all()[-1])
    finally:
        await engine.dispose()


class TestSignIn:
    async def test_the_round_trip_ends_signed_in_where_the_person_wanted_to_go(self, browser):
        done = await browser.sign_in("resident", return_to="/projects?tab=mine")
        assert done.status_code == 303
        assert done.headers["location"] == "/projects?tab=mine"
        cookie = next(
            v
            for k, v in done.headers.multi_items()
            if k == "set-cookie" and "inspraak_session" in v
        )
        assert "HttpOnly" in cookie
        assert "SameSite=lax" in cookie or "samesite=lax" in cookie.lower()
        state = (await browser.gateway.get("/auth/session")).json()
        assert state["signed_in"] is True
        assert state["username"] == "resident"

    async def test_the_authorization_request_uses_pkce_s256_and_the_web_client(self, browser):
        started = await browser.gateway.get("/auth/login")
        query = parse_qs(urlsplit(started.headers["location"]).query)
        assert query["code_challenge_method"] == ["S256"]
        assert len(query["code_challenge"][0]) == 43
        assert query["client_id"] == [WEB_CLIENT]
        assert query["redirect_uri"] == [f"http://{browser.tenant.primary}/auth/callback"]
        assert f"/realms/{browser.tenant.slug}/" in started.headers["location"]

    async def test_a_callback_cannot_be_replayed_or_used_by_another_browser(
        self, browser, platform_settings
    ):
        started = await browser.gateway.get("/auth/login")
        callback = await browser.through_keycloak(started.headers["location"], "resident")
        async with gateway_client(create_app(platform_settings), browser.tenant.primary) as other:
            stolen = await other.get(callback)  # no login cookie: not the browser that began
        assert stolen.status_code == 400
        assert stolen.json()["type"] == "urn:inspraak:problem:sign-in-failed"
        assert (await browser.gateway.get(callback)).status_code == 303
        replay = await browser.gateway.get(callback)
        assert replay.status_code == 400

    def test_only_paths_on_this_host_are_returned_to(self):
        assert safe_return_to("//evil.example/x") == "/"
        assert safe_return_to("https://evil.example") == "/"
        assert safe_return_to("/\\evil.example") == "/"
        assert safe_return_to("/projects/1") == "/projects/1"


class TestSessionOnTheApi:
    async def test_the_session_token_reaches_the_service(self, browser):
        assert (await browser.gateway.get("/api/v1/widget/domains")).status_code == 401
        await browser.sign_in("officer")
        response = await browser.gateway.get("/api/v1/widget/domains")
        assert response.status_code == 200, response.text
        assert response.json()["primary"] == browser.tenant.primary

    async def test_state_changes_with_the_cookie_need_the_csrf_token(self, browser):
        await browser.sign_in("officer")
        refused = await browser.gateway.put("/api/v1/widget/domains", json={})
        assert refused.status_code == 403
        assert refused.json()["type"] == "urn:inspraak:problem:csrf-failed"
        csrf = (await browser.gateway.get("/auth/session")).json()["csrf_token"]
        passed = await browser.gateway.put(
            "/api/v1/widget/domains", json={}, headers={"X-CSRF-Token": csrf}
        )
        assert passed.status_code == 422  # the widget service judged the (empty) payload

    async def test_an_expired_access_token_is_refreshed_on_the_way(self, browser, database_url):
        await browser.sign_in("officer")
        before = await session_row(database_url, "officer")
        engine = create_engine(database_url, pool_size=1)
        async with engine.begin() as connection:
            await connection.execute(
                update(WebSession)
                .where(WebSession.id == before.id)  # type: ignore[arg-type]
                .values(access_expires_at=datetime.now(UTC) - timedelta(minutes=1))
            )
        await engine.dispose()
        response = await browser.gateway.get("/api/v1/widget/domains")
        assert response.status_code == 200
        after = await session_row(database_url, "officer")
        assert after.access_token != before.access_token
        assert after.access_expires_at > datetime.now(UTC)

    async def test_an_api_client_bearer_token_passes_without_a_session(self, browser, realm):
        token = realm.token("officer")
        response = await browser.gateway.get(
            "/api/v1/widget/domains", headers={"Authorization": f"Bearer {token}"}
        )
        assert response.status_code == 200


class TestTokensAtRest:
    async def test_the_database_holds_the_tokens_only_sealed(self, browser, database_url):
        await browser.sign_in("officer")
        row = await session_row(database_url, "officer")
        engine = create_engine(database_url, pool_size=1)
        try:
            async with engine.connect() as connection:
                stored = (
                    await connection.execute(
                        text(
                            "SELECT access_token, refresh_token, id_token FROM web_session"
                            " WHERE id = :id"
                        ),
                        {"id": row.id},
                    )
                ).one()
        finally:
            await engine.dispose()
        for plain, sealed in zip(
            (row.access_token, row.refresh_token, row.id_token), stored, strict=True
        ):
            assert plain.count(".") == 2  # the gateway reads a JWT
            assert sealed.startswith("v1:")
            assert plain not in sealed
            assert plain.split(".")[1] not in sealed  # not even the claims

    async def test_a_new_session_key_ends_the_sessions_sealed_with_the_old_one(
        self, browser, platform_settings
    ):
        await browser.sign_in("officer")
        cookies = browser.gateway.cookies
        rotated = platform_settings.model_copy(
            update={"session_key": SecretStr("another-key-after-rotation-0123456789")}
        )
        try:
            async with gateway_client(create_app(rotated), browser.tenant.primary) as other:
                other.cookies = cookies
                state = (await other.get("/auth/session")).json()
            assert state["signed_in"] is False
        finally:
            sealing.configure(platform_settings.session_key.get_secret_value())


class TestSignOut:
    async def test_sign_out_needs_the_form_token_and_ends_the_keycloak_session(
        self, browser, database_url, keycloak_endpoint
    ):
        await browser.sign_in("resident")
        row = await session_row(database_url, "resident")
        assert (await browser.gateway.post("/auth/logout")).status_code == 403
        csrf = (await browser.gateway.get("/auth/session")).json()["csrf_token"]
        done = await browser.gateway.post("/auth/logout", data={"csrf_token": csrf})
        assert done.status_code == 303
        assert done.headers["location"] == "/"
        assert (await browser.gateway.get("/auth/session")).json() == {
            "signed_in": False,
            "user_id": None,
            "username": None,
            "csrf_token": None,
        }
        # Keycloak's own session is over: its refresh token no longer works.
        oidc = KeycloakOpenID(
            server_url=keycloak_endpoint.url, realm_name=browser.tenant.slug, client_id=WEB_CLIENT
        )
        with pytest.raises(Exception, match=r"(?i)session|invalid|token"):
            oidc.refresh_token(row.refresh_token)
