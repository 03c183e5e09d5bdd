"""The six services as local processes, and the demo municipality, against real servers."""

from __future__ import annotations

import contextlib
import html
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import httpx
import psycopg
import pytest

from inspraak_stack import config, demo, platform, procs
from inspraak_stack.procs import StackError

TITLES = {
    "gateway": "Inspraak Gateway",
    "identity": "Inspraak Identity",
    "projects": "Inspraak Projects",
    "contributions": "Inspraak Contributions",
    "notifications": "Inspraak Notifications",
    "widget": "Inspraak Widget",
}


@pytest.fixture
def prefix(postgres_admin_url):
    """A fresh database prefix; its databases and logs are removed afterwards."""
    value = f"e2e_{secrets.token_hex(4)}"
    yield value
    platform.drop_service_databases(postgres_admin_url, value)
    platform.remove_logs(value)


def _get(url: str) -> httpx.Response:
    return httpx.get(url, timeout=10, trust_env=False)


def test_service_env_points_one_service_at_the_stack(stack_endpoints):
    env = platform.service_env(stack_endpoints, "projects", "postgresql://x/inspraak_projects")

    assert env["INSPRAAK_PROJECTS_DATABASE_URL"] == "postgresql://x/inspraak_projects"
    assert env["INSPRAAK_PROJECTS_NATS_URL"] == stack_endpoints.nats_url
    assert env["INSPRAAK_PROJECTS_KEYCLOAK_URL"] == stack_endpoints.keycloak_url
    assert env["INSPRAAK_PROJECTS_EMBEDDED_WORKER"] == "true"
    assert all(key.startswith("INSPRAAK_PROJECTS_") for key in env)


def test_ports_can_be_overridden_per_service(monkeypatch):
    monkeypatch.setenv("INSPRAAK_STACK_GATEWAY_PORT", "18000")

    ports = platform.service_ports()

    assert ports["gateway"] == 18000
    assert ports["projects"] == platform.SERVICE_PORTS["projects"]


def test_process_names_keep_platforms_apart():
    assert platform.process_name("inspraak", "projects") == "service-projects"
    assert platform.process_name("e2e_1234", "projects") == "service-e2e_1234-projects"


@pytest.mark.parametrize("prefix", ["E2E", "1abc", "a-b", "x" * 50, ""])
def test_unusable_database_prefixes_are_rejected(prefix, postgres_admin_url):
    with pytest.raises(ValueError, match="database prefix"):
        platform.ensure_service_databases(postgres_admin_url, prefix)


def test_ensure_service_databases_keeps_existing_data(postgres_admin_url, prefix):
    urls = platform.ensure_service_databases(postgres_admin_url, prefix, ["projects"])
    with psycopg.connect(urls["projects"], autocommit=True) as conn:
        conn.execute("CREATE TABLE kept (id int)")

    again = platform.ensure_service_databases(postgres_admin_url, prefix, ["projects"])

    assert again == urls
    assert urls["projects"].endswith(f"/{prefix}_projects")
    with psycopg.connect(urls["projects"]) as conn:
        assert conn.execute("SELECT count(*) FROM kept").fetchone() == (0,)


def test_start_refuses_a_port_that_is_taken(stack_endpoints, prefix):
    # A listening socket on a port the kernel picked: nobody else can have it.
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(StackError, match=f"gateway {port}"):
            platform.start_platform(
                stack_endpoints,
                services=["gateway"],
                database_prefix=prefix,
                ports={"gateway": port},
            )


@pytest.mark.keycloak
def test_platform_starts_every_service_checks_and_stops(stack_endpoints, prefix):
    ports = {service: platform.free_port() for service in platform.ALL_SERVICES}
    with platform.start_platform(stack_endpoints, database_prefix=prefix, ports=ports) as running:
        assert running.urls == {s: f"http://127.0.0.1:{p}" for s, p in ports.items()}
        assert running.nats_url != stack_endpoints.nats_url  # its own NATS: no shared consumers
        for service, url in running.urls.items():
            assert _get(f"{url}/readyz").status_code == 200, service
            assert _get(f"{url}/openapi.json").json()["info"]["title"] == TITLES[service]

        check = subprocess.run(
            [str(Path(sys.executable).parent / "inspraak"), "check"],
            env={**os.environ, **running.env},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert check.returncode == 0, check.stdout + check.stderr

        processes = running.processes()
        stopped = running.stop()

    assert sorted(stopped) == sorted(p.name for p in processes)
    assert not any(procs.pid_alive(p.pid, p.marker) for p in processes)
    assert not any(config.pid_path(p.name).exists() for p in processes)
    assert platform.running_services(prefix) == {}
    for url in running.urls.values():
        with pytest.raises(httpx.ConnectError):
            _get(f"{url}/healthz")


OPERATOR_TOKEN = "change-me"  # identity's development default


@pytest.fixture(scope="module")
def demo_tenant(stack_endpoints, postgres_admin_url):
    """A demo municipality made twice through a running identity service, as `make run` does,
    with the gateway (and the widget, which resolves its hosts) where browsers sign in."""
    prefix = f"e2e_{secrets.token_hex(4)}"
    realm = f"demo-test-{secrets.token_hex(3)}"
    domain = f"{realm}.localhost"
    services = ["identity", "projects", "widget", "gateway"]
    ports = {service: platform.free_port() for service in services}
    try:
        with platform.start_platform(
            stack_endpoints,
            services=services,
            database_prefix=prefix,
            ports=ports,
            browsers_on_gateway_port=True,
        ) as running:
            first = demo.provision(stack_endpoints, running, realm=realm, domain=domain)
            second = demo.provision(stack_endpoints, running, realm=realm, domain=domain)
            yield SimpleNamespace(
                realm=realm, domain=domain, running=running, first=first, second=second
            )
    finally:
        demo.delete_realm(stack_endpoints, realm)
        demo.spec_path(realm).unlink(missing_ok=True)
        platform.drop_service_databases(postgres_admin_url, prefix)
        platform.remove_logs(prefix)


def _identity(demo_tenant, path: str, token: str, tenant: bool = True) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if tenant:
        headers["X-Inspraak-Tenant"] = demo_tenant.realm
    url = demo_tenant.running.urls["identity"] + path
    return httpx.get(url, headers=headers, timeout=10, trust_env=False)


def _projects(demo_tenant, path: str) -> httpx.Response:
    """The projects service, asked as someone not signed in."""
    url = demo_tenant.running.urls["projects"] + path
    headers = {"X-Inspraak-Tenant": demo_tenant.realm}
    return httpx.get(url, headers=headers, timeout=10, trust_env=False)


def _demo_project(demo_tenant) -> dict:
    response = _projects(demo_tenant, f"/projects/by-slug/{demo.DEMO_PROJECT}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def _wait_until_the_gateway_knows(gateway: httpx.Client, name: str) -> None:
    """The gateway learns the municipality from identity's event, a moment after applying."""
    deadline = time.monotonic() + 60
    while name not in gateway.get("/", headers={"Accept": "text/html"}).text:
        assert time.monotonic() < deadline, f"the gateway never showed {name!r}"
        time.sleep(0.5)


def _keycloak_login(keycloak: httpx.Client, url: str, username: str) -> str:
    """Fills in Keycloak's real login form; returns where Keycloak sends the browser back."""
    page = keycloak.get(url)
    assert page.status_code == 200, page.text
    action = html.unescape(re.search(r'<form[^>]*action="([^"]+)"', page.text).group(1))
    # Keycloak marks its cookies Secure; hand them back as a browser on https would.
    jar = "; ".join(
        value.split(";", 1)[0]
        for response in (*page.history, page)
        for name, value in response.headers.multi_items()
        if name == "set-cookie"
    )
    answer = keycloak.post(
        action,
        data={"username": username, "password": demo.DEMO_PASSWORD, "credentialId": ""},
        headers={"Cookie": jar},
        follow_redirects=False,
    )
    assert answer.status_code == 302, answer.text
    return str(answer.headers["location"])


@pytest.mark.keycloak
class TestDemoMunicipality:
    def test_identity_applied_the_tenant_from_a_spec_file(self, demo_tenant):
        response = _identity(
            demo_tenant, f"/v1/operator/tenants/{demo_tenant.realm}", OPERATOR_TOKEN, tenant=False
        )

        assert response.status_code == 200, response.text
        assert response.json()["spec"]["displayName"] == "Gemeente Demo"
        assert response.json()["spec"]["domains"]["primary"] == demo_tenant.domain
        assert "slug: " in demo.spec_path(demo_tenant.realm).read_text()

    def test_the_realm_is_identitys_design(self, stack_endpoints, demo_tenant):
        admin = demo.admin_client(stack_endpoints, demo_tenant.realm)

        realm = admin.get_realm(demo_tenant.realm)
        assert realm["displayName"] == "Gemeente Demo"
        assert realm["defaultLocale"] == "nl"
        assert set(realm["supportedLocales"]) == {"nl", "fr", "en"}
        assert realm["registrationAllowed"]
        assert realm["bruteForceProtected"]
        # `support` is a realm role only identity's realm design has.
        assert {"superadmin", "policy_maker", "communications", "it_admin", "support"} <= {
            role["name"] for role in admin.get_realm_roles()
        }
        defaults = admin.get_composite_realm_roles_of_role(f"default-roles-{demo_tenant.realm}")
        assert "user" in {role["name"] for role in defaults}
        web = admin.get_client(admin.get_client_id(demo.WEB_CLIENT))
        assert web["publicClient"]
        assert not web["directAccessGrantsEnabled"]
        assert web["attributes"]["pkce.code.challenge.method"] == "S256"
        # Identity runs with WEB_SCHEME=http and WEB_PORT: the gateway serves plain http,
        # on a port of its own, to the developer's browser.
        gateway_port = demo_tenant.running.services["gateway"].port
        assert web["redirectUris"] == [f"http://{demo_tenant.domain}:{gateway_port}/auth/callback"]
        assert admin.get_realm_users_profile()["unmanagedAttributePolicy"] == "ADMIN_EDIT"

    def test_a_browser_signs_in_on_the_gateways_port(self, demo_tenant):
        """`make run` prints http://<domain>:<port>/: Keycloak must send people back there."""
        port = demo_tenant.running.services["gateway"].port
        site = f"{demo_tenant.domain}:{port}"
        with (
            httpx.Client(
                base_url=demo_tenant.running.urls["gateway"],
                headers={"Host": site},
                trust_env=False,
                timeout=30,
            ) as gateway,
            httpx.Client(trust_env=False, timeout=30, follow_redirects=True) as keycloak,
        ):
            _wait_until_the_gateway_knows(gateway, "Gemeente Demo")
            started = gateway.get("/auth/login", params={"return_to": "/account/profile"})
            assert started.status_code == 302, started.text
            assert (
                f"redirect_uri=http%3A%2F%2F{demo_tenant.domain}%3A{port}"
                in (started.headers["location"])
            )
            back = _keycloak_login(keycloak, started.headers["location"], "bewoner")
            assert back.startswith(f"http://{site}/auth/callback?"), back

            done = gateway.get(back.removeprefix(f"http://{site}"))

            assert done.status_code == 303, done.text
            assert done.headers["location"] == "/account/profile"
            session = gateway.get("/auth/session")
            assert session.json()["signed_in"] is True, session.text
            assert session.json()["username"] == "bewoner"

    def test_a_second_provisioning_changes_nothing(self, demo_tenant):
        assert demo_tenant.first == demo_tenant.second
        assert [name for name, _ in demo_tenant.first] == [u.username for u in demo.DEMO_USERS]

    def test_the_demo_project_is_published_for_residents(self, demo_tenant):
        """Something to look at and take part in: a published project with an open phase,
        in the demo department, seen by someone not signed in."""
        project = _demo_project(demo_tenant)

        assert project["status"] == "published"
        assert project["title"]["fr"] == "Une nouvelle place de la gare"
        assert [phase["kind"] for phase in project["phases"]] == ["ideation"]
        department = _projects(demo_tenant, f"/departments/{project['department_id']}").json()
        assert department["slug"] == demo.DEMO_DEPARTMENT

    def test_demo_logins_get_tokens_with_their_roles_and_scopes(self, stack_endpoints, demo_tenant):
        url, realm = stack_endpoints.keycloak_url, demo_tenant.realm
        project = _demo_project(demo_tenant)
        project_id, department_id = project["id"], project["department_id"]
        superadmin = demo.access_token_claims(url, realm, "superadmin")
        assert "inspraak-api" in demo.audiences(superadmin)
        assert {"superadmin", "user"} <= set(superadmin["realm_access"]["roles"])
        schepen = demo.access_token_claims(url, realm, "schepen")
        assert "policy_maker" in schepen["realm_access"]["roles"]
        assert demo.access_token_claims(url, realm, "afdelingshoofd")["inspraak_scopes"] == [
            f"department_head:department:{department_id}"
        ]
        assert demo.access_token_claims(url, realm, "moderator")["inspraak_scopes"] == [
            f"project_moderator:project:{project_id}"
        ]
        assert demo.access_token_claims(url, realm, "vrijwilliger")["inspraak_scopes"] == [
            f"project_moderator:project:{project_id}:external"
        ]
        resident = demo.access_token_claims(url, realm, "bewoner")
        assert "user" in resident["realm_access"]["roles"]
        assert not {"superadmin", "policy_maker"} & set(resident["realm_access"]["roles"])
        assert not resident.get("inspraak_scopes")

    def test_identity_holds_the_grants_the_superadmin_gave(self, stack_endpoints, demo_tenant):
        people = demo.DemoPeople(
            demo_tenant.running.urls["identity"], stack_endpoints.keycloak_url, demo_tenant.realm
        )
        token = people.token("superadmin")
        people.close()

        response = _identity(demo_tenant, "/v1/roles/grants", token)
        project = _demo_project(demo_tenant)
        project_id, department_id = project["id"], project["department_id"]

        assert response.status_code == 200, response.text
        grants = {
            (g["username"], g["role"], g["scopeId"], g["external"], g["status"])
            for g in response.json()
        }
        assert {
            ("superadmin", "superadmin", None, False, "active"),
            ("schepen", "policy_maker", None, False, "active"),
            ("afdelingshoofd", "department_head", department_id, False, "active"),
            ("moderator", "project_moderator", project_id, False, "active"),
            # The volunteer accepted the terms of use, so their grant is active.
            ("vrijwilliger", "project_moderator", project_id, True, "active"),
            ("communicatie", "communications", None, False, "active"),
            ("webmaster", "it_admin", None, False, "active"),
        } == grants


def test_stop_platform_finds_services_by_their_pid_files(stack_endpoints, prefix):
    # What `inspraak-stack down` does from another process after `run` was killed.
    port = platform.free_port()
    with platform.start_platform(
        stack_endpoints, services=["gateway"], database_prefix=prefix, ports={"gateway": port}
    ) as running:
        assert set(platform.running_services(prefix)) == {
            f"service-{prefix}-gateway",
            f"nats-{prefix}",
        }

        stopped = platform.stop_platform(prefix)

        assert sorted(stopped) == [f"nats-{prefix}", f"service-{prefix}-gateway"]
        assert not any(p.alive() for p in running.processes())
        assert platform.running_services(prefix) == {}


def _wait_ready(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if _get(f"{url}/readyz").status_code == 200:
                return
        time.sleep(0.2)
    raise AssertionError(f"{url} not ready after {timeout}s")


def test_stop_also_stops_a_service_started_again_elsewhere(stack_endpoints, prefix):
    # Chaos (or `bench.dev` from another process) kills a service with SIGKILL and starts
    # it again: the new process is recorded in the pid file, not in `running`.
    port = platform.free_port()
    with platform.start_platform(
        stack_endpoints, services=["gateway"], database_prefix=prefix, ports={"gateway": port}
    ) as running:
        old = running.services["gateway"]
        os.killpg(old.pid, signal.SIGKILL)
        while procs.pid_alive(old.pid, old.marker):
            time.sleep(0.05)
        argv = [
            sys.executable, "-m", "uvicorn", "--factory", "inspraak_gateway.main:create_app",
            "--host", "127.0.0.1", "--port", str(port),
        ]  # fmt: skip
        again = procs.spawn(old.name, argv, extra_env=running.env)
        _wait_ready(old.url)

        stopped = running.stop()

    assert sorted(stopped) == [f"nats-{prefix}", old.name]
    assert not procs.pid_alive(again, old.marker)
    assert not config.pid_path(old.name).exists()
    assert platform.running_services(prefix) == {}
    with pytest.raises(httpx.ConnectError):
        _get(f"{old.url}/healthz")


def test_remove_logs_refuses_the_logs_of_make_run():
    with pytest.raises(ValueError, match="make run"):
        platform.remove_logs(platform.DEFAULT_PREFIX)
