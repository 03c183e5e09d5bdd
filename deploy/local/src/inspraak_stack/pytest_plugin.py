"""Pytest fixtures for the local stack (registered through the `pytest11` entry point).

Each fixture only ensures its own server, so a test that needs NATS does not wait for
Keycloak. Servers are never stopped at session end: they are shared with `make test`
and the next run, and `inspraak-stack down` stops them.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from inspraak_stack import stack
from inspraak_stack.mailbox import Mailbox
from inspraak_stack.procs import StackError


@dataclass(frozen=True)
class KeycloakEndpoint:
    url: str
    admin_user: str
    admin_password: str


def _up(*components: str) -> stack.Endpoints:
    try:
        return stack.up(components)
    except StackError as exc:
        # The log tail in the message says more than a traceback into our polling loop.
        pytest.fail(str(exc), pytrace=False)


@pytest.fixture(scope="session")
def stack_endpoints() -> stack.Endpoints:
    """All four servers, started if needed."""
    return _up(*stack.ALL)


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    """libpq URL of the `postgres` database as a superuser (may create/drop databases)."""
    return _up("postgres").postgres_admin_url


@pytest.fixture(scope="session")
def nats_url() -> str:
    return _up("nats").nats_url


@pytest.fixture(scope="session")
def keycloak_endpoint() -> KeycloakEndpoint:
    endpoints = _up("keycloak")
    return KeycloakEndpoint(
        endpoints.keycloak_url, endpoints.keycloak_admin_user, endpoints.keycloak_admin_password
    )


@pytest.fixture(scope="session")
def mail_api_url() -> str:
    return _up("mail").mail_api_url


def _database_name(prefix: str) -> str:
    # Lower-case identifiers need no quoting anywhere (psql, SQLAlchemy URLs, alembic).
    clean = re.sub(r"[^a-z0-9_]", "_", prefix.lower()).strip("_") or "test"
    return f"{clean[:50]}_{secrets.token_hex(4)}"


@pytest.fixture(scope="session")
def fresh_database(postgres_admin_url: str) -> Iterator[Callable[[str], str]]:
    """Factory: `fresh_database("projects")` -> URL of a new empty database, dropped at the end."""
    created: list[str] = []

    def factory(prefix: str) -> str:
        name = _database_name(prefix)
        url = stack.create_database(postgres_admin_url, name)
        created.append(name)
        return url

    yield factory
    for name in created:
        stack.drop_database(postgres_admin_url, name)


@pytest.fixture(scope="session")
def _mail_endpoints() -> stack.Endpoints:
    return _up("mail")


@pytest.fixture
def mailbox(_mail_endpoints: stack.Endpoints) -> Mailbox:
    """Client of the mail catcher; also carries `smtp_host`/`smtp_port` for sending."""
    return Mailbox(
        _mail_endpoints.mail_api_url, _mail_endpoints.smtp_host, _mail_endpoints.smtp_port
    )
