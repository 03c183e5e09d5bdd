"""PostgreSQL: the distribution's own cluster (Debian's pg_ctlcluster), plus a superuser role.

We reuse the system cluster instead of an initdb of our own because Debian ships it
ready to go; we only stop it on `down` if it was this stack that started it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg

from inspraak_stack import config, procs
from inspraak_stack.base import Component

ROLE = "inspraak"
PASSWORD = "inspraak"  # noqa: S105 (fixed credential of a local throwaway server)
DEFAULT_PORT = 5432
# psql must not inherit a cwd the postgres user cannot enter.
_NEUTRAL_CWD = "/"

_ENSURE_ROLE_SQL = f"""
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE}') THEN
    CREATE ROLE {ROLE};
  END IF;
END $$;
ALTER ROLE {ROLE} WITH LOGIN SUPERUSER PASSWORD '{PASSWORD}';
"""


@dataclass(frozen=True)
class Cluster:
    version: str
    name: str
    port: int
    online: bool
    log: Path | None


def _as_root(argv: list[str]) -> list[str]:
    return argv if os.geteuid() == 0 else ["sudo", "-n", *argv]


def _as_postgres(argv: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *argv]
    return ["sudo", "-n", "-u", "postgres", *argv]


def clusters() -> list[Cluster]:
    if shutil.which("pg_lsclusters") is None:
        return []
    # Not logged: status and endpoint lookups call this often.
    result = subprocess.run(
        ["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=False
    )
    out = result.stdout if result.returncode == 0 else ""
    found = []
    for line in out.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        log = Path(fields[6]) if len(fields) > 6 else None
        # Status may read "online" or "online,recovery".
        online = fields[3].startswith("online")
        found.append(Cluster(fields[0], fields[1], int(fields[2]), online, log))
    return found


def admin_url() -> str:
    external = config.env("POSTGRES_URL")
    if external:
        return external
    found = clusters()
    port = found[0].port if found else DEFAULT_PORT
    return f"postgresql://{ROLE}:{PASSWORD}@127.0.0.1:{port}/postgres"


def _marker() -> Path:
    return config.pid_path("postgres").with_suffix(".started-by-stack")


def _install() -> None:
    log = config.log_path("postgres")
    procs.run_logged(_as_root(["apt-get", "update"]), log)
    procs.run_logged(
        _as_root(
            ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "postgresql"]
        ),
        log,
    )


def _ensure_cluster() -> Cluster:
    if shutil.which("pg_ctlcluster") is None:
        _install()
    found = clusters()
    if not found:
        # The Debian package creates one, but it may have been dropped since.
        versions = sorted(Path("/usr/lib/postgresql").iterdir(), key=lambda p: int(p.name))
        procs.run_logged(
            _as_root(["pg_createcluster", versions[-1].name, "main"]), config.log_path("postgres")
        )
        found = clusters()
    return found[0]


def _start_cluster(cluster: Cluster) -> None:
    procs.run_logged(
        _as_root(
            ["pg_ctlcluster", "--skip-systemctl-redirect", cluster.version, cluster.name, "start"]
        ),
        config.log_path("postgres"),
    )
    _marker().write_text(f"{cluster.version} {cluster.name}\n")


def _ensure_role(cluster: Cluster) -> None:
    procs.run_logged(
        _as_postgres(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", str(cluster.port), "-d", "postgres"]
        ),
        config.log_path("postgres"),
        input_text=_ENSURE_ROLE_SQL,
        cwd=_NEUTRAL_CWD,
    )


def can_connect(url: str, timeout: int = 2) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=timeout) as conn:
            conn.execute("SELECT 1")
    except (psycopg.Error, OSError):
        return False
    return True


class Postgres(Component):
    name = "postgres"
    ready_timeout = 60.0

    def external(self) -> bool:
        return config.env("POSTGRES_URL") is not None

    def probe(self) -> bool:
        return can_connect(admin_url())

    def start(self) -> None:
        if self.external() or self.probe():
            return
        with procs.file_lock(self.name):
            cluster = _ensure_cluster()
            if not cluster.online:
                _start_cluster(cluster)
            _ensure_role(cluster)

    def alive(self) -> bool:
        found = clusters()
        return bool(found) and found[0].online

    def stop(self) -> None:
        marker = _marker()
        if self.external() or not marker.exists():
            return  # never stop a cluster somebody else started
        with procs.file_lock(self.name):
            version, name = marker.read_text().split()
            procs.run_logged(
                _as_root(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "stop"]),
                config.log_path("postgres"),
            )
            with contextlib.suppress(FileNotFoundError):
                marker.unlink()

    def log_files(self) -> list[Path]:
        found = [] if self.external() else clusters()
        cluster_log = [found[0].log] if found and found[0].log else []
        return [config.log_path(self.name), *cluster_log]
