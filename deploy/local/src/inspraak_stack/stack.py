"""The public API: bring the local stack up or down and describe its endpoints."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

from inspraak_stack import keycloak, mail, natsserver, postgres
from inspraak_stack.base import Component
from inspraak_stack.procs import StackError

__all__ = [
    "ALL",
    "Endpoints",
    "StackError",
    "components",
    "create_database",
    "database_url",
    "down",
    "drop_database",
    "endpoints",
    "status",
    "up",
]

log = logging.getLogger("inspraak_stack")

# Keycloak first: it is by far the slowest, so it boots while the others start.
ALL: tuple[str, ...] = ("keycloak", "postgres", "nats", "mail")

_FACTORIES: dict[str, type[Component]] = {
    "keycloak": keycloak.Keycloak,
    "postgres": postgres.Postgres,
    "nats": natsserver.Nats,
    "mail": mail.Mail,
}


@dataclass(frozen=True)
class Endpoints:
    postgres_admin_url: str
    nats_url: str
    keycloak_url: str
    keycloak_admin_user: str
    keycloak_admin_password: str
    smtp_host: str
    smtp_port: int
    mail_api_url: str

    def as_env(self) -> dict[str, str]:
        """The variables that make another process use exactly these servers."""
        return {
            "INSPRAAK_STACK_POSTGRES_URL": self.postgres_admin_url,
            "INSPRAAK_STACK_NATS_URL": self.nats_url,
            "INSPRAAK_STACK_KEYCLOAK_URL": self.keycloak_url,
            "INSPRAAK_STACK_KEYCLOAK_ADMIN_USER": self.keycloak_admin_user,
            "INSPRAAK_STACK_KEYCLOAK_ADMIN_PASSWORD": self.keycloak_admin_password,
            "INSPRAAK_STACK_SMTP_HOST": self.smtp_host,
            "INSPRAAK_STACK_SMTP_PORT": str(self.smtp_port),
            "INSPRAAK_STACK_MAIL_API_URL": self.mail_api_url,
        }

    def as_dict(self) -> dict[str, str | int]:
        return asdict(self)


def endpoints() -> Endpoints:
    """Where each server is (or will be); does not start or check anything."""
    return Endpoints(
        postgres_admin_url=postgres.admin_url(),
        nats_url=natsserver.url(),
        keycloak_url=keycloak.url(),
        keycloak_admin_user=keycloak.admin_user(),
        keycloak_admin_password=keycloak.admin_password(),
        smtp_host=mail.smtp_host(),
        smtp_port=mail.smtp_port(),
        mail_api_url=mail.api_url(),
    )


def _select(components: Iterable[str]) -> list[Component]:
    wanted = set(components)
    unknown = wanted - set(ALL)
    if unknown:
        raise ValueError(f"unknown components {sorted(unknown)}; choose from {list(ALL)}")
    return [_FACTORIES[name]() for name in ALL if name in wanted]


def up(components: Iterable[str] = ALL) -> Endpoints:
    """Start what is not running yet and wait until all of it is ready. Idempotent."""
    selected = _select(components)
    deadlines: dict[str, float] = {}
    for component in selected:  # launch all first, so they boot in parallel ...
        log.info("starting %s", component.name)
        component.start()
        deadlines[component.name] = time.monotonic() + component.ready_timeout
    started = time.monotonic()
    # ... then wait, quickest first, so a broken fast server is reported without delay.
    for component in sorted(selected, key=lambda c: c.ready_timeout):
        component.wait_ready(deadlines[component.name])
        log.info("%s ready (%.1fs)", component.name, time.monotonic() - started)
    return endpoints()


def down(components: Iterable[str] = ALL) -> None:
    """Stop the servers this stack started; external and foreign servers are left alone."""
    for component in reversed(_select(components)):
        log.info("stopping %s", component.name)
        component.stop()


def status() -> dict[str, bool]:
    """Whether each component answers its readiness check right now."""
    return {component.name: component.probe() for component in _select(ALL)}


def components() -> dict[str, Component]:
    return {component.name: component for component in _select(ALL)}


def database_url(admin_url: str, name: str) -> str:
    """The URL of database `name` on the server of `admin_url`, with the same credentials."""
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{quote(name, safe='')}"))


def create_database(admin_url: str, name: str) -> str:
    """(Re)create database `name` and return its libpq URL (same credentials as admin_url)."""
    drop_database(admin_url, name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    """Drop `name` if it exists, terminating connections that still use it (FORCE, PG 13+)."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
