"""The Inspraak services as local processes on top of the stack (`inspraak-stack run`, e2e).

One uvicorn process per service, each in its own process group and tracked by a pid
file like the stack's servers, so `inspraak-stack down` finds them even after the
process that started them was killed. A database prefix keeps two platforms apart
(`make run` uses `inspraak`, tests a random one): its own databases, pid and log files,
and by default its own throwaway NATS server, because the services' JetStream stream
and durable consumer names are fixed and two platforms on one NATS would steal each
other's events.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

import httpx
import psycopg
from psycopg import sql

from inspraak_stack import config, natsserver, procs, stack
from inspraak_stack.base import http_ok
from inspraak_stack.procs import StackError
from inspraak_stack.stack import Endpoints

__all__ = [
    "ALL_SERVICES",
    "DEFAULT_PREFIX",
    "SERVICE_PORTS",
    "RunningPlatform",
    "drop_service_databases",
    "ensure_service_databases",
    "free_port",
    "gateway_env",
    "inspraak_cli",
    "process_name",
    "remove_logs",
    "running_services",
    "service_env",
    "service_ports",
    "start_platform",
    "stop_platform",
]

log = logging.getLogger("inspraak_stack")

HOST = "127.0.0.1"
DEFAULT_PREFIX = "inspraak"
# Gateway first: it is what people open, and the order in which `run` prints URLs.
SERVICE_PORTS: dict[str, int] = {
    "gateway": 8000,
    "identity": 8101,
    "projects": 8102,
    "contributions": 8103,
    "notifications": 8104,
    "widget": 8105,
}
ALL_SERVICES: tuple[str, ...] = tuple(SERVICE_PORTS)
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
# Shorter than STOP_TIMEOUT: an open browser keep-alive connection must not make
# uvicorn wait until it gets SIGKILLed.
GRACEFUL_SHUTDOWN = 5
_SERVICE_MARKER = ".main:create_app"
_NATS_MARKER = "nats-server"
# Database names are `<prefix>_<service>`: plain identifiers, no quoting anywhere.
_PREFIX_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,40}$")


@dataclass(frozen=True)
class Proc:
    """A process of a platform, as recorded in `<state>/pids/<name>.pid`."""

    name: str
    pid: int
    marker: str

    def alive(self) -> bool:
        return procs.pid_alive(self.pid, self.marker)


@dataclass(frozen=True, kw_only=True)
class ServiceProcess(Proc):
    service: str
    port: int

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def log(self) -> Path:
        return config.log_path(self.name)


# --- names, ports, environment ---------------------------------------------------------


def _check_prefix(prefix: str) -> str:
    if not _PREFIX_PATTERN.fullmatch(prefix):
        raise ValueError(
            f"database prefix {prefix!r}: use lowercase letters, digits and underscores, "
            "starting with a letter, at most 41 characters"
        )
    return prefix


def _check_services(services: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(services)
    unknown = sorted(set(wanted) - set(ALL_SERVICES))
    if unknown:
        raise ValueError(f"unknown services {unknown}; choose from {list(ALL_SERVICES)}")
    return tuple(name for name in ALL_SERVICES if name in wanted)


def process_name(prefix: str, service: str) -> str:
    """`service-projects` for `make run`, `service-<prefix>-projects` for other platforms."""
    return f"service-{service}" if prefix == DEFAULT_PREFIX else f"service-{prefix}-{service}"


def _nats_name(prefix: str) -> str:
    return f"nats-{prefix}"


def _migrate_log(prefix: str) -> Path:
    return config.log_path("migrate" if prefix == DEFAULT_PREFIX else f"migrate-{prefix}")


def service_ports() -> dict[str, int]:
    """The default ports, each overridable with `INSPRAAK_STACK_<SERVICE>_PORT`."""
    return {
        service: config.env_int(f"{service.upper()}_PORT", port)
        for service, port in SERVICE_PORTS.items()
    }


def free_port() -> int:
    """A port nobody listens on right now (the kernel's pick for port 0)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def _port_taken(port: int) -> bool:
    with socket.socket() as sock:
        # As uvicorn binds: a closed connection in TIME_WAIT does not block the port.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((HOST, port))
        except OSError:
            return True
    return False


def service_env(endpoints: Endpoints, service: str, database_url: str) -> dict[str, str]:
    """The `INSPRAAK_<SERVICE>_*` settings that point one service at the stack."""
    prefix = f"INSPRAAK_{service.upper()}_"
    values = {
        "ENVIRONMENT": "development",
        "DATABASE_URL": database_url,
        "NATS_URL": endpoints.nats_url,
        "KEYCLOAK_URL": endpoints.keycloak_url,
        "LOG_JSON": "false",  # log files are read by people here, not by a collector
        "EMBEDDED_WORKER": "true",  # relay and consumers in the API process: one per service
        "SMTP_HOST": endpoints.smtp_host,
        "SMTP_PORT": str(endpoints.smtp_port),
    }
    if service == "identity":
        # The gateway serves plain http here (see gateway_env): realms must send people back
        # to http:// callbacks.
        values["WEB_SCHEME"] = "http"
        # Identity provisions realms and users with the stack's Keycloak admin account.
        values["KEYCLOAK_ADMIN_USER"] = endpoints.keycloak_admin_user
        values["KEYCLOAK_ADMIN_PASSWORD"] = endpoints.keycloak_admin_password
    return {prefix + key: value for key, value in values.items()}


def gateway_env(ports: Mapping[str, int]) -> dict[str, str]:
    """The gateway reaches this platform's own services, and serves plain http locally."""
    prefix = "INSPRAAK_GATEWAY_"
    env = {prefix + "PUBLIC_SCHEME": "http", prefix + "COOKIE_SECURE": "false"}
    for service, port in ports.items():
        if service != "gateway":
            env[f"{prefix}{service.upper()}_URL"] = f"http://{HOST}:{port}"
    return env


def _send_browsers_to_port(envs: Mapping[str, dict[str, str]], gateway_port: int) -> None:
    if "identity" in envs:
        envs["identity"]["INSPRAAK_IDENTITY_WEB_PORT"] = str(gateway_port)
    if "gateway" in envs:
        envs["gateway"]["INSPRAAK_GATEWAY_PUBLIC_PORT"] = str(gateway_port)


# --- databases ---------------------------------------------------------------------------


def ensure_service_databases(
    admin_url: str, prefix: str = DEFAULT_PREFIX, services: Iterable[str] = ALL_SERVICES
) -> dict[str, str]:
    """Create `<prefix>_<service>` where missing (never drops: `make run` keeps its data)."""
    _check_prefix(prefix)
    urls: dict[str, str] = {}
    with psycopg.connect(admin_url, autocommit=True) as conn:
        for service in _check_services(services):
            name = f"{prefix}_{service}"
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if exists.fetchone() is None:
                # A concurrent creator of the same name is fine: the database exists.
                with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                    log.info("created database %s", name)
            urls[service] = stack.database_url(admin_url, name)
    return urls


def drop_service_databases(
    admin_url: str, prefix: str, services: Iterable[str] = ALL_SERVICES
) -> None:
    """Drop a platform's databases (test teardown); missing ones are skipped."""
    _check_prefix(prefix)
    for service in _check_services(services):
        stack.drop_database(admin_url, f"{prefix}_{service}")


def remove_logs(prefix: str) -> None:
    """Delete a finished test platform's log files (they would pile up run after run)."""
    if _check_prefix(prefix) == DEFAULT_PREFIX:
        raise ValueError("the logs of `make run` stay; remove only a test platform's logs")
    logs = config.state_dir() / "logs"
    for pattern in (f"service-{prefix}-*.log*", f"nats-{prefix}.log*", f"migrate-{prefix}.log*"):
        for path in logs.glob(pattern):
            path.unlink(missing_ok=True)


def inspraak_cli() -> Path:
    # The operators' CLI of this very venv: the one the services' code belongs to.
    inspraak = Path(sys.executable).parent / "inspraak"
    if not inspraak.is_file():
        raise StackError(f"{inspraak} not found: run `uv sync --all-packages`")
    return inspraak


@dataclass
class _Migration:
    """One service's `inspraak one-service migrate`, running in the background."""

    service: str
    process: subprocess.Popen[bytes]
    output: IO[bytes]

    def finished(self) -> bool:
        return self.process.poll() is not None

    def text(self) -> str:
        self.output.seek(0)
        return self.output.read().decode(errors="replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.output.close()


def _start_migration(service: str, env: Mapping[str, str]) -> _Migration:
    # `one-service migrate` is what `inspraak migrate <service>` runs in a process of its
    # own; calling it directly saves a second interpreter (imports cost seconds of CPU).
    output = tempfile.TemporaryFile()  # noqa: SIM115 (closed by _Migration.close)
    process = subprocess.Popen(
        [str(inspraak_cli()), "one-service", "migrate", service],
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=subprocess.STDOUT,
        env={**os.environ, **env},
    )
    return _Migration(service, process, output)


def _migrate_and_spawn(
    prefix: str,
    ports: Mapping[str, int],
    envs: Mapping[str, Mapping[str, str]],
    started: list[Proc],
) -> dict[str, ServiceProcess]:
    """Every service's migration at once, and each service started as soon as its own
    database is migrated (its databases are its own: no migration waits for another).

    One after another this was most of a platform's start (each migration is a Python
    that imports a whole service). Spawned services are appended to `started` at once,
    so the caller stops them if a later migration fails.
    """
    merged = {key: value for env in envs.values() for key, value in env.items()}
    logfile = _migrate_log(prefix)
    logfile.unlink(missing_ok=True)  # one run per file: the log of the last migration
    began = time.monotonic()
    pending = [_start_migration(service, merged) for service in envs]
    running: dict[str, ServiceProcess] = {}
    failed: list[str] = []
    try:
        while pending:
            for migration in [m for m in pending if m.finished()]:
                pending.remove(migration)
                service, output = migration.service, migration.text()
                with logfile.open("a") as log_out:
                    log_out.write(f"$ inspraak one-service migrate {service}\n{output}")
                migration.close()
                if migration.process.returncode != 0:
                    failed.append(f"{service}: exit code {migration.process.returncode}\n{output}")
                elif not failed:
                    log.info("migrated %s (%.1fs)", service, time.monotonic() - began)
                    spawned = _spawn_service(prefix, service, ports[service], envs[service])
                    running[service] = spawned
                    started.append(spawned)
            if pending:
                time.sleep(0.05)
    finally:
        for migration in pending:  # interrupted: no migration outlives the start
            migration.close()
    if failed:
        raise StackError("migrations failed:\n" + "\n".join(failed))
    return {service: running[service] for service in envs}  # gateway first, as chosen


# --- processes ---------------------------------------------------------------------------


def _spawn_service(prefix: str, service: str, port: int, env: Mapping[str, str]) -> ServiceProcess:
    name = process_name(prefix, service)
    argv = [
        sys.executable, "-m", "uvicorn",
        "--factory", f"inspraak_{service}.main:create_app",
        "--host", HOST,
        "--port", str(port),
        "--no-access-log",
        "--timeout-graceful-shutdown", str(GRACEFUL_SHUTDOWN),
    ]  # fmt: skip
    pid = procs.spawn(name, argv, extra_env=env)
    return ServiceProcess(name=name, pid=pid, marker=_SERVICE_MARKER, service=service, port=port)


def _start_private_nats(prefix: str) -> tuple[Proc, str]:
    """A throwaway JetStream server for one platform; its store is removed on stop."""
    name = _nats_name(prefix)
    store = config.data_dir(name)
    shutil.rmtree(store, ignore_errors=True)  # a killed earlier run may have left its store
    port, monitor = free_port(), free_port()
    argv = [
        str(natsserver.binary()), "-js",
        "-a", HOST, "-p", str(port), "-m", str(monitor),
        "-sd", str(store),
    ]  # fmt: skip
    proc = Proc(name=name, pid=procs.spawn(name, argv), marker=_NATS_MARKER)
    deadline = time.monotonic() + 15
    while not http_ok(f"http://{HOST}:{monitor}/healthz?js-enabled-only=true"):
        if not proc.alive() or time.monotonic() > deadline:
            _stop([proc])
            raise StackError(f"{name} did not start:\n{procs.tail(config.log_path(name))}")
        time.sleep(0.1)
    return proc, f"nats://{HOST}:{port}"


def _readiness(service: ServiceProcess) -> str | None:
    """None when /readyz says 200, else what it said (for the error message)."""
    try:
        response = httpx.get(f"{service.url}/readyz", timeout=2, trust_env=False)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}"
    if response.status_code == 200:
        return None
    return f"HTTP {response.status_code}: {response.text[:300]}"


def _wait_ready(services: Sequence[ServiceProcess], timeout: float) -> None:
    began = time.monotonic()
    deadline = began + timeout
    pending = list(services)
    last: dict[str, str] = {}
    while pending:
        for service in list(pending):
            problem = _readiness(service)
            if problem is None:
                pending.remove(service)
                elapsed = time.monotonic() - began
                log.info("%s ready at %s (%.1fs)", service.name, service.url, elapsed)
            elif not service.alive():
                raise StackError(_failure(service, "the process exited"))
            else:
                last[service.name] = problem
        if pending and time.monotonic() > deadline:
            first = pending[0]
            raise StackError(
                _failure(first, f"/readyz not 200 after {timeout:.0f}s ({last[first.name]})")
            )
        if pending:
            time.sleep(0.25)


def _failure(service: ServiceProcess, problem: str) -> str:
    tail = procs.tail(service.log)
    return f"{service.name}: {problem}\n--- last 30 lines of {service.log} ---\n{tail}"


def _stop(processes: Sequence[Proc]) -> list[str]:
    """Services first (they flush to NATS on shutdown), then a private NATS server."""
    stopped: list[str] = []
    for phase in (
        [p for p in processes if p.marker == _SERVICE_MARKER],
        [p for p in processes if p.marker != _SERVICE_MARKER],
    ):
        # A group whose leader died (kill -9 of the pid alone) may still hold children.
        alive = [p for p in phase if p.alive() or procs.group_alive(p.pid)]
        procs.stop_groups([p.pid for p in alive], STOP_TIMEOUT)
        for proc in phase:
            _forget(proc)
            if proc.marker == _NATS_MARKER:
                shutil.rmtree(config.data_dir(proc.name), ignore_errors=True)
        stopped.extend(p.name for p in alive if p.name not in stopped)
    return stopped


def _forget(proc: Proc) -> None:
    """Remove the pid file, unless it records another process of that name that still
    runs (one started again after `proc` was killed): that one must stay findable."""
    recorded = procs.read_pid(proc.name)
    if recorded is None or recorded == proc.pid or not procs.pid_alive(recorded, proc.marker):
        config.pid_path(proc.name).unlink(missing_ok=True)


def _restarted(processes: Sequence[Proc]) -> list[Proc]:
    """The processes that run under these names now but by another pid: started again
    (chaos's kill -9 and start, `bench.dev`) after the caller's record was made."""
    found = []
    for proc in processes:
        recorded = procs.read_pid(proc.name)
        if recorded not in (None, proc.pid) and procs.pid_alive(recorded, proc.marker):
            found.append(dataclasses.replace(proc, pid=recorded))
    return found


def _recorded(prefix: str | None) -> list[Proc]:
    """Processes of one platform (or all when `prefix` is None) that are still running."""
    pids = config.state_dir() / "pids"
    if prefix is None:
        names = [p.stem for p in pids.glob("service-*.pid")] + [
            p.stem for p in pids.glob("nats-*.pid")
        ]
    else:
        names = [process_name(prefix, s) for s in ALL_SERVICES] + [_nats_name(prefix)]
    found = []
    for name in names:
        marker = _SERVICE_MARKER if name.startswith("service-") else _NATS_MARKER
        pid = procs.read_pid(name)
        if pid is not None and procs.pid_alive(pid, marker):
            found.append(Proc(name=name, pid=pid, marker=marker))
        else:  # a stale file from a crash would otherwise linger forever
            config.pid_path(name).unlink(missing_ok=True)
    return found


def running_services(prefix: str | None = None) -> dict[str, int]:
    """Process name -> pid of the platform processes that run now."""
    return {proc.name: proc.pid for proc in _recorded(prefix)}


def stop_platform(prefix: str | None = DEFAULT_PREFIX) -> list[str]:
    """Stop a platform's recorded processes (all platforms when `prefix` is None)."""
    return _stop(_recorded(prefix))


# --- the platform ------------------------------------------------------------------------


@dataclass
class RunningPlatform:
    prefix: str
    services: dict[str, ServiceProcess]
    # Every service's settings merged: feed it to `inspraak migrate/check` or a worker.
    env: dict[str, str]
    database_urls: dict[str, str]
    nats_url: str
    private_nats: Proc | None = None
    _stopped: list[str] | None = field(default=None, repr=False)

    @property
    def urls(self) -> dict[str, str]:
        return {name: proc.url for name, proc in self.services.items()}

    def processes(self) -> list[Proc]:
        extra = [self.private_nats] if self.private_nats else []
        return [*self.services.values(), *extra]

    def stop(self) -> list[str]:
        """SIGTERM every process, SIGKILL after 10 s; returns the names it stopped.

        A service killed and started again by another process (chaos, `bench.dev`) is
        known by its pid file only: it is stopped too, never orphaned.
        """
        if self._stopped is None:
            held = self.processes()
            self._stopped = _stop([*held, *_restarted(held)])
        return self._stopped

    def __enter__(self) -> RunningPlatform:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def start_platform(
    endpoints: Endpoints,
    *,
    services: Iterable[str] = ALL_SERVICES,
    database_prefix: str = DEFAULT_PREFIX,
    ports: Mapping[str, int] | None = None,
    own_nats: bool | None = None,
    ready_timeout: float | None = None,
    browsers_on_gateway_port: bool = False,
) -> RunningPlatform:
    """Databases, migrations, one uvicorn per service; returns once every /readyz is 200.

    The migrations run side by side, and each service starts once its own is done.

    `own_nats` (default: only for a non-default prefix) runs a private NATS server for
    this platform instead of the stack's. Whatever was started is stopped again if
    starting fails or is interrupted.

    `browsers_on_gateway_port` (`make run`): people's browsers reach the gateway directly on
    its port, so Keycloak must send them back there after sign-in (identity's WEB_PORT,
    the gateway's PUBLIC_PORT). Tests leave it off: their browsers map hosts themselves.
    """
    prefix = _check_prefix(database_prefix)
    selected = _check_services(services)
    chosen = {**service_ports(), **(ports or {})}
    # A platform of the same prefix left behind by a killed `run` holds our ports.
    leftovers = stop_platform(prefix)
    if leftovers:
        log.info("stopped leftovers of an earlier run: %s", ", ".join(leftovers))
    _refuse_taken_ports({s: chosen[s] for s in selected})
    use_own_nats = (prefix != DEFAULT_PREFIX) if own_nats is None else own_nats
    started: list[Proc] = []
    try:
        private_nats = None
        if use_own_nats:
            private_nats, nats_url = _start_private_nats(prefix)
            started.append(private_nats)
            endpoints = dataclasses.replace(endpoints, nats_url=nats_url)
        database_urls, envs = _prepare_databases(endpoints, prefix, selected)
        if "gateway" in envs:
            envs["gateway"].update(gateway_env({s: chosen[s] for s in selected}))
        if browsers_on_gateway_port:
            _send_browsers_to_port(envs, chosen["gateway"])
        log.info("migrating and starting %s", ", ".join(process_name(prefix, s) for s in selected))
        running = _migrate_and_spawn(prefix, chosen, envs, started)
        _wait_ready(list(running.values()), ready_timeout or _ready_timeout())
    except BaseException:  # also KeyboardInterrupt: never leave half a platform behind
        _stop(started)
        raise
    return RunningPlatform(
        prefix=prefix,
        services=running,
        env={key: value for env in envs.values() for key, value in env.items()},
        database_urls=database_urls,
        nats_url=endpoints.nats_url,
        private_nats=private_nats,
    )


def _prepare_databases(
    endpoints: Endpoints, prefix: str, services: Sequence[str]
) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Create missing databases; returns their URLs and each service's env."""
    database_urls = ensure_service_databases(endpoints.postgres_admin_url, prefix, services)
    envs = {s: service_env(endpoints, s, database_urls[s]) for s in services}
    return database_urls, envs


def _ready_timeout() -> float:
    # Six Pythons importing at once on a busy 2-core box can need more than the default.
    return float(config.env_int("SERVICES_TIMEOUT", int(READY_TIMEOUT)))


def _refuse_taken_ports(ports: Mapping[str, int]) -> None:
    taken = {service: port for service, port in ports.items() if _port_taken(port)}
    if taken:
        listing = ", ".join(f"{service} {port}" for service, port in taken.items())
        raise StackError(
            f"ports already in use: {listing}. Another `inspraak-stack run`? Stop it with "
            "`inspraak-stack down`, or set INSPRAAK_STACK_<SERVICE>_PORT."
        )
