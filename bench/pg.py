"""A private PostgreSQL cluster (initdb into a temporary folder, its own port).

The shared cluster on 5432 serves everybody's tests; chaos restarts the database, and
the benchmark should not compete with (or be slowed by) other suites' databases.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from inspraak_stack.platform import free_port

BIN = Path("/usr/lib/postgresql/15/bin")
ROLE = "inspraak"
PASSWORD = "inspraak"  # noqa: S105 (throwaway local cluster)
# Sized for a 2-core box under load: enough connections for six services' pools.
SETTINGS = {
    "max_connections": "300",
    "shared_buffers": "256MB",
    "fsync": "on",  # chaos restarts the server: durability is part of what is proven
    "synchronous_commit": "on",
    "listen_addresses": "127.0.0.1",
}


def _as_postgres(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return argv


def _bin(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    which = shutil.which(name)
    if which is None:
        raise RuntimeError(f"{name} not found: install postgresql (apt-get install postgresql)")
    return which


@dataclass
class PrivateCluster:
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def admin_url(self) -> str:
        return f"postgresql://{ROLE}:{PASSWORD}@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        argv = _as_postgres([_bin("pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args])
        return subprocess.run(argv, capture_output=True, text=True, check=check, cwd="/")

    def start(self) -> None:
        log = self.root / "postgres.log"
        options = f"-p {self.port} -k {self.root}"
        self._ctl("-l", str(log), "-o", options, "start")
        self._wait()

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "stop", check=False)

    def restart(self, mode: str = "immediate") -> float:
        """Stop (by default like a crash: no checkpoint) and start; returns seconds down."""
        began = time.monotonic()
        self.stop(mode)
        self.start()
        return time.monotonic() - began

    def _wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with psycopg.connect(self.admin_url, connect_timeout=2) as conn:
                    conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

    def destroy(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def create(port: int | None = None) -> PrivateCluster:
    """initdb + start; the caller must `destroy()` it."""
    root = Path(tempfile.mkdtemp(prefix="inspraak-bench-pg-"))
    cluster = PrivateCluster(root=root, port=port or free_port())
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    pwfile = root / "pw"
    pwfile.write_text(PASSWORD)
    if os.geteuid() == 0:
        shutil.chown(pwfile, "postgres", "postgres")
    initdb = [
        _bin("initdb"), "-D", str(cluster.data), "-U", ROLE, "--pwfile", str(pwfile),
        "-A", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8",
    ]  # fmt: skip
    subprocess.run(_as_postgres(initdb), capture_output=True, text=True, check=True, cwd="/")
    with (cluster.data / "postgresql.conf").open("a") as conf:
        for key, value in SETTINGS.items():
            conf.write(f"{key} = '{value}'\n")
    cluster.start()
    return cluster
