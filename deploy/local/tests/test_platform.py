"""The six services as local processes, and the demo municipality, against real servers."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

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


@pytest.fixture
def demo_realm(stack_endpoints):
    realm = f"demo-test-{secrets.token_hex(3)}"
    yield realm
    demo.delete_realm(stack_endpoints, realm)


@pytest.mark.keycloak
def test_demo_provisioning_is_idempotent_and_tokens_carry_roles(stack_endpoints, demo_realm):
    first = demo.provision(stack_endpoints, realm=demo_realm)
    second = demo.provision(stack_endpoints, realm=demo_realm)

    assert first == second
    assert [username for username, _ in first] == [u.username for u in demo.DEMO_USERS]
    url = stack_endpoints.keycloak_url
    superadmin = demo.access_token_claims(url, demo_realm, "superadmin")
    assert "inspraak-api" in demo.audiences(superadmin)
    assert {"superadmin", "user"} <= set(superadmin["realm_access"]["roles"])
    assert demo.access_token_claims(url, demo_realm, "moderator")["inspraak_scopes"] == [
        "project_moderator:project:demo-project"
    ]
    assert demo.access_token_claims(url, demo_realm, "vrijwilliger")["inspraak_scopes"] == [
        "project_moderator:project:demo-project:external"
    ]
    resident = demo.access_token_claims(url, demo_realm, "bewoner")
    assert "user" in resident["realm_access"]["roles"]
    assert "inspraak_scopes" not in resident


@pytest.mark.keycloak
def test_demo_realm_settings(stack_endpoints, demo_realm):
    demo.provision(stack_endpoints, realm=demo_realm, verify=False)
    admin = demo.admin_client(stack_endpoints, demo_realm)

    realm = admin.get_realm(demo_realm)
    assert realm["displayName"] == "Gemeente Demo"
    assert realm["defaultLocale"] == "nl"
    assert set(realm["supportedLocales"]) == {"nl", "fr", "en"}
    assert realm["registrationAllowed"]
    assert realm["bruteForceProtected"]
    # What a self-registered resident gets:
    defaults = admin.get_composite_realm_roles_of_role(f"default-roles-{demo_realm}")
    assert "user" in {role["name"] for role in defaults}
    web = admin.get_client(admin.get_client_id(demo.WEB_CLIENT))
    assert web["publicClient"]
    assert not web["directAccessGrantsEnabled"]
    assert web["attributes"]["pkce.code.challenge.method"] == "S256"
    assert "http://127.0.0.1:8000/*" in web["redirectUris"]
    assert admin.get_realm_users_profile()["unmanagedAttributePolicy"] == "ADMIN_EDIT"


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
