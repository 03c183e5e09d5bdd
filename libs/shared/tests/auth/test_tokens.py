"""Real Keycloak tokens: accepted when valid, 401 when not, 403 on another tenant."""

import asyncio
import base64
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import Depends, FastAPI
from keycloak import KeycloakAdmin

from inspraak_shared.auth import (
    CurrentPrincipal,
    JwksCache,
    Principal,
    TokenVerifier,
    keycloak_locator,
    require_roles,
    require_scoped_role,
    single_keycloak_locator,
)
from inspraak_shared.problems import PROBLEM_MEDIA_TYPE, install_problem_handlers
from inspraak_shared.tenancy import TENANT_HEADER
from tests.support.keycloak import (
    RealmFixture,
    add_user,
    create_test_realm,
    rotate_signing_key,
)

pytestmark = pytest.mark.keycloak


@pytest.fixture(scope="module")
def keycloak_admin(keycloak_endpoint) -> KeycloakAdmin:
    return KeycloakAdmin(
        server_url=keycloak_endpoint.url,
        username=keycloak_endpoint.admin_user,
        password=keycloak_endpoint.admin_password,
        realm_name="master",
    )


@pytest.fixture(scope="module")
def realm_a(keycloak_admin, keycloak_endpoint) -> RealmFixture:
    realm = create_test_realm(keycloak_admin, keycloak_endpoint.url, "gent")
    add_user(
        keycloak_admin,
        realm,
        "anna",
        roles=["superadmin"],
        scopes=["project_moderator:project:p1", "department_head:department:d7"],
    )
    add_user(keycloak_admin, realm, "bram", roles=["user"])
    return realm


@pytest.fixture(scope="module")
def realm_b(keycloak_admin, keycloak_endpoint) -> RealmFixture:
    realm = create_test_realm(keycloak_admin, keycloak_endpoint.url, "utrecht")
    add_user(keycloak_admin, realm, "carla", roles=["superadmin"])
    return realm


def _app(
    keycloak_url: str,
    *,
    leeway: int | None = None,
    min_refresh: float = 10.0,
    instances: dict[str, str] | None = None,
) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    locator = (
        keycloak_locator(instances)
        if instances is not None
        else single_keycloak_locator(keycloak_url, keycloak_url)
    )
    verifier = TokenVerifier(
        JwksCache(httpx.AsyncClient(), min_refresh_interval_seconds=min_refresh),
        locator,
        "inspraak-api",
    )
    if leeway is not None:
        verifier.leeway = leeway
    app.state.token_verifier = verifier

    @app.get("/whoami")
    async def whoami(principal: CurrentPrincipal) -> dict:
        return {
            "username": principal.username,
            "roles": sorted(principal.roles),
            "scopes": sorted(str(s) for s in principal.scoped_roles),
        }

    @app.get("/admin")
    async def admin_only(principal: Principal = Depends(require_roles("superadmin"))) -> dict:
        return {"ok": True}

    @app.get("/projects/{project_id}")
    async def moderated(
        principal: Principal = Depends(
            require_scoped_role("project_moderator", path_param="project_id", or_roles=())
        ),
    ) -> dict:
        return {"ok": True}

    return app


@pytest.fixture
async def client(keycloak_endpoint) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=_app(keycloak_endpoint.url))
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as http:
        yield http


def _get(client: httpx.AsyncClient, path: str, token: str, tenant: str):
    return client.get(path, headers={"Authorization": f"Bearer {token}", TENANT_HEADER: tenant})


def _assert_problem(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    assert response.json()["status"] == status


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class TestValidTokens:
    async def test_real_token_is_accepted_with_roles_and_scopes(self, client, realm_a):
        response = await _get(client, "/whoami", realm_a.token("anna"), realm_a.name)
        assert response.status_code == 200, response.text
        assert response.json() == {
            "username": "anna",
            "roles": sorted(
                [
                    "superadmin",
                    "default-roles-" + realm_a.name,
                    "offline_access",
                    "uma_authorization",
                ]
            ),
            "scopes": ["department_head:department:d7", "project_moderator:project:p1"],
        }

    async def test_role_requirements_allow_and_forbid(self, client, realm_a):
        anna, bram = realm_a.token("anna"), realm_a.token("bram")
        assert (await _get(client, "/admin", anna, realm_a.name)).status_code == 200
        _assert_problem(await _get(client, "/admin", bram, realm_a.name), 403)
        assert (await _get(client, "/projects/p1", anna, realm_a.name)).status_code == 200
        _assert_problem(await _get(client, "/projects/p2", anna, realm_a.name), 403)

    async def test_rotated_signing_key_is_fetched_once_and_accepted(
        self, keycloak_admin, keycloak_endpoint, realm_a
    ):
        app = _app(keycloak_endpoint.url, min_refresh=0.5)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://service"
        ) as http:
            assert (
                await _get(http, "/whoami", realm_a.token("bram"), realm_a.name)
            ).status_code == 200
            rotate_signing_key(keycloak_admin, realm_a)
            await asyncio.sleep(0.6)
            new_token = realm_a.token("bram")
            assert (await _get(http, "/whoami", new_token, realm_a.name)).status_code == 200


class TestSeveralKeycloakInstances:
    """One Keycloak reached under a second host name stands in for a second instance:
    its tokens then carry that host in `iss`, as a realm on another instance would."""

    @staticmethod
    def _second_instance(url: str) -> str:
        return url.replace("127.0.0.1", "localhost")

    async def test_realm_on_a_configured_second_instance_is_accepted(
        self, keycloak_endpoint, realm_a
    ):
        second = self._second_instance(keycloak_endpoint.url)
        token = RealmFixture(realm_a.name, second).token("anna")
        app = _app(
            keycloak_endpoint.url,
            instances={keycloak_endpoint.url: keycloak_endpoint.url, second: keycloak_endpoint.url},
        )
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://service"
        ) as http:
            response = await _get(http, "/whoami", token, realm_a.name)
        assert response.status_code == 200, response.text

    async def test_realm_on_an_unconfigured_instance_is_401(
        self, client, keycloak_endpoint, realm_a
    ):
        second = self._second_instance(keycloak_endpoint.url)
        token = RealmFixture(realm_a.name, second).token("anna")
        response = await _get(client, "/whoami", token, realm_a.name)
        _assert_problem(response, 401)
        assert "known tenant realm" in response.json()["detail"]


class TestRejectedTokens:
    async def test_missing_token_is_401(self, client, realm_a):
        response = await client.get("/whoami", headers={TENANT_HEADER: realm_a.name})
        _assert_problem(response, 401)
        assert response.headers["www-authenticate"].startswith("Bearer")

    async def test_expired_token_is_401(self, keycloak_endpoint, realm_a):
        token = realm_a.token("bram", client_id="short-lived")
        await asyncio.sleep(2.5)
        app = _app(keycloak_endpoint.url, leeway=0)
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://service"
        ) as http:
            response = await _get(http, "/whoami", token, realm_a.name)
        _assert_problem(response, 401)
        assert "expired" in response.json()["detail"]

    async def test_wrong_audience_is_401(self, client, realm_a):
        token = realm_a.token("bram", client_id="other-app")
        response = await _get(client, "/whoami", token, realm_a.name)
        _assert_problem(response, 401)
        assert "not meant for this API" in response.json()["detail"]

    async def test_token_of_a_realm_that_is_no_tenant_is_401(self, client, keycloak_endpoint):
        from keycloak import KeycloakOpenID

        master = KeycloakOpenID(
            server_url=keycloak_endpoint.url, realm_name="master", client_id="admin-cli"
        )
        token = master.token(keycloak_endpoint.admin_user, keycloak_endpoint.admin_password)[
            "access_token"
        ]
        _assert_problem(await _get(client, "/whoami", token, "master"), 400)
        _assert_problem(await _get(client, "/whoami", token, "gent"), 401)

    async def test_tampered_token_is_401(self, client, realm_a):
        header, payload, signature = realm_a.token("bram").split(".")
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        claims["realm_access"] = {"roles": ["superadmin"]}
        forged = f"{header}.{_b64(claims)}.{signature}"
        _assert_problem(await _get(client, "/admin", forged, realm_a.name), 401)

    async def test_unsigned_alg_none_token_is_401(self, client, realm_a):
        _, payload, _ = realm_a.token("anna").split(".")
        unsigned = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{payload}."
        response = await _get(client, "/whoami", unsigned, realm_a.name)
        _assert_problem(response, 401)

    async def test_token_of_tenant_a_on_tenant_b_is_403(self, client, realm_a, realm_b):
        response = await _get(client, "/whoami", realm_a.token("anna"), realm_b.name)
        _assert_problem(response, 403)
        assert response.json()["type"].endswith("wrong-tenant")
