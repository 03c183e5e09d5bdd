"""The platform under test: private PostgreSQL and NATS, one process per service.

`Harness` starts everything, can kill -9 and restart one service, restart NATS or
PostgreSQL (all private to this run), reads each process's memory, and tears down.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from bench import pg
from inspraak_stack import config, demo, natsserver, procs, stack
from inspraak_stack import platform as local_platform
from inspraak_stack.stack import Endpoints

log = logging.getLogger("bench")

SERVICES = local_platform.ALL_SERVICES
# Each tool its own port range (gateway first), so bench, chaos and fuzz can run side by
# side and never on the ports of `make run` (8000, 8101-8105).
PORT_BASES = {"bench": 8300, "chaos": 8310, "fuzz": 8320, "smoke": 8330}
OPERATOR_TOKEN_ENV = "INSPRAAK_IDENTITY_OPERATOR_TOKEN"  # noqa: S105 (a variable name)
HOST = "127.0.0.1"


def ports_for(tool: str) -> dict[str, int]:
    """gateway base+0, identity +1 ... widget +5; INSPRAAK_STACK_<SERVICE>_PORT wins."""
    base = PORT_BASES[tool]
    return {
        service: config.env_int(f"{service.upper()}_PORT", base + offset)
        for offset, service in enumerate(SERVICES)
    }


def rss_bytes(pid: int) -> int:
    """Resident memory of a process and its children (uvicorn runs in one process here)."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
    return total


def _children(pid: int) -> list[int]:
    found: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            text = (task / "children").read_text().split()
            for child in map(int, text):
                found += [child, *_children(child)]
    return found


@dataclass
class Harness:
    tool: str
    prefix: str
    cluster: pg.PrivateCluster | None  # None: the shared stack's PostgreSQL (smoke)
    endpoints: Endpoints
    running: local_platform.RunningPlatform
    operator_token: str
    ports: dict[str, int]
    realms: list[str] = field(default_factory=list)  # made by this run: deleted on close

    @property
    def gateway(self) -> str:
        return self.running.urls["gateway"]

    def url(self, service: str) -> str:
        return self.running.urls[service]

    def pids(self) -> dict[str, int]:
        return {name: proc.pid for name, proc in self.running.services.items()}

    def memory(self) -> dict[str, int]:
        return {name: rss_bytes(pid) for name, pid in self.pids().items()}

    # --- faults -------------------------------------------------------------------------

    def kill(self, service: str) -> None:
        """kill -9: no shutdown hook runs, in-flight requests and transactions die."""
        proc = self.running.services[service]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while proc.alive() and time.monotonic() < deadline:
            time.sleep(0.05)

    def start_service(self, service: str, ready_timeout: float = 90) -> float:
        """Start a (killed) service again, as start_platform does; seconds until /readyz."""
        began = time.monotonic()
        old = self.running.services[service]
        argv = [
            sys.executable, "-m", "uvicorn",
            "--factory", f"inspraak_{service}.main:create_app",
            "--host", HOST, "--port", str(old.port),
            "--no-access-log", "--timeout-graceful-shutdown", "5",
        ]  # fmt: skip
        while local_platform._port_taken(old.port) and time.monotonic() - began < 10:
            time.sleep(0.1)
        pid = procs.spawn(old.name, argv, extra_env=self.running.env)
        self.running.services[service] = dataclasses.replace(old, pid=pid)
        self.wait_ready([service], ready_timeout)
        return time.monotonic() - began

    def wait_ready(self, services: list[str] | tuple[str, ...], timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        for service in services:
            while True:
                try:
                    response = httpx.get(f"{self.url(service)}/readyz", timeout=2, trust_env=False)
                    if response.status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{service} not ready after {timeout}s")
                time.sleep(0.2)

    def restart_nats(self) -> float:
        """Stop the private NATS (SIGTERM, then SIGKILL) and start it on the same port and
        store: JetStream's file store must keep streams, messages and consumers."""
        began = time.monotonic()
        nats = self.running.private_nats
        if nats is None:
            raise RuntimeError("chaos needs the platform's own NATS")
        procs.stop_groups([nats.pid], 10)
        port = urlsplit(self.running.nats_url).port
        argv = [
            str(natsserver.binary()), "-js", "-a", HOST, "-p", str(port),
            "-m", str(local_platform.free_port()), "-sd", str(config.data_dir(nats.name)),
        ]  # fmt: skip
        pid = procs.spawn(nats.name, argv)
        self.running.private_nats = dataclasses.replace(nats, pid=pid)
        _wait_port(port, 15)
        return time.monotonic() - began

    def restart_postgres(self) -> float:
        if self.cluster is None:
            raise RuntimeError("restarting PostgreSQL needs the run's own cluster")
        return self.cluster.restart("immediate")

    @property
    def baseline_dsn(self) -> str:
        """Where the baseline app inserts: the same server as the services."""
        if self.cluster is not None:
            return self.cluster.admin_url
        # On the shared server: a database of this run, dropped with the others.
        url = self.running.database_urls["contributions"]
        return url.replace("postgresql+asyncpg://", "postgresql://")

    def _drop_databases(self) -> None:
        if self.cluster is not None:
            self.cluster.destroy()
        else:
            local_platform.drop_service_databases(self.endpoints.postgres_admin_url, self.prefix)

    # --- teardown -----------------------------------------------------------------------

    def _keep_logs(self) -> None:
        """The services' logs, for reading after the run (tmp: they are large)."""
        target = Path(tempfile.gettempdir()) / f"inspraak-{self.prefix}-logs"
        target.mkdir(exist_ok=True)
        for path in (config.state_dir() / "logs").glob(f"*{self.prefix}*"):
            shutil.copy(path, target / path.name)
        log.info("service logs kept in %s", target)

    def delete_realms(self) -> None:
        """The run's tenants leave no realm behind in the shared Keycloak."""
        for realm in self.realms:
            with contextlib.suppress(Exception):
                demo.delete_realm(self.endpoints, realm)
        self.realms.clear()

    def close(self) -> None:
        self.delete_realms()
        # First by pid file: a process restarted by another process (bench.dev attach) is
        # recorded there, not in this object (whose stop would remove that pid file).
        local_platform.stop_platform(self.prefix)
        self.running.stop()
        with contextlib.suppress(Exception):
            self._keep_logs()
            local_platform.remove_logs(self.prefix)
        self._drop_databases()


def _wait_port(port: int | None, timeout: float) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port or 0)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port} after {timeout}s")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextlib.contextmanager
def platform(
    tool: str, *, keep_logs: bool = False, private_postgres: bool = True
) -> Iterator[Harness]:
    """The whole platform on the shared Keycloak and mail catcher, private PG and NATS.

    `private_postgres=False` (the smoke run, which restarts no PostgreSQL) uses the
    stack's server with databases of the run's own prefix: no initdb to wait for.
    """
    # `make` stopped with SIGTERM (CI's timeout, a closed terminal) must still clean up.
    signal.signal(signal.SIGTERM, _interrupt)
    shared = stack.up()  # idempotent: reuses the running servers
    cluster = pg.create() if private_postgres else None
    token = secrets.token_urlsafe(24)
    os.environ[OPERATOR_TOKEN_ENV] = token  # inherited by the spawned identity service
    endpoints = (
        dataclasses.replace(shared, postgres_admin_url=cluster.admin_url) if cluster else shared
    )
    prefix = f"{tool}_{secrets.token_hex(3)}"
    ports = ports_for(tool)
    began = time.monotonic()
    try:
        running = local_platform.start_platform(
            endpoints, database_prefix=prefix, ports=ports, own_nats=True, ready_timeout=120
        )
    except BaseException:
        if cluster is not None:
            cluster.destroy()
        else:
            local_platform.drop_service_databases(endpoints.postgres_admin_url, prefix)
        raise
    log.info("platform %s up in %.1fs", prefix, time.monotonic() - began)
    harness = Harness(tool, prefix, cluster, endpoints, running, token, ports)
    try:
        yield harness
    finally:
        if keep_logs:
            harness.delete_realms()
            local_platform.stop_platform(prefix)
            harness.running.stop()
            harness._drop_databases()
        else:
            harness.close()
