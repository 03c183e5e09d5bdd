"""Keycloak from the Quarkus distribution zip on Maven Central, run with `kc.sh start-dev`."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from inspraak_stack import config, procs
from inspraak_stack.base import ProcessComponent, http_ok
from inspraak_stack.procs import StackError

VERSION = "26.5.6"
HOST = "127.0.0.1"
DEFAULT_PORT = 18080
DEFAULT_MANAGEMENT_PORT = 19000
# The JVM defaults to a quarter of RAM; a fixed, modest heap keeps a 2-core box usable.
DEFAULT_HEAP = "-Xms256m -Xmx1g"


def version() -> str:
    return config.env("KEYCLOAK_VERSION") or VERSION


def port() -> int:
    return config.env_int("KEYCLOAK_PORT", DEFAULT_PORT)


def management_port() -> int:
    return config.env_int("KEYCLOAK_MANAGEMENT_PORT", DEFAULT_MANAGEMENT_PORT)


def url() -> str:
    return (config.env("KEYCLOAK_URL") or f"http://{HOST}:{port()}").rstrip("/")


def admin_user() -> str:
    return config.env("KEYCLOAK_ADMIN_USER") or "admin"


def admin_password() -> str:
    return config.env("KEYCLOAK_ADMIN_PASSWORD") or "admin"


def home() -> Path:
    return config.state_dir() / f"keycloak-{version()}"


def _zip_name() -> str:
    return f"keycloak-quarkus-dist-{version()}.zip"


def _find_zip() -> Path | None:
    m2 = Path.home() / ".m2/repository/org/keycloak/keycloak-quarkus-dist" / version()
    for candidate in (m2 / _zip_name(), config.downloads_dir() / _zip_name()):
        if candidate.is_file():
            return candidate
    return None


def _fetch_zip() -> Path:
    if shutil.which("mvn") is None:
        raise StackError("keycloak: distribution zip not cached and `mvn` is not installed")
    artifact = f"org.keycloak:keycloak-quarkus-dist:{version()}:zip"
    procs.run_logged(
        [
            "mvn",
            "-q",
            "-B",
            "dependency:copy",
            f"-Dartifact={artifact}",
            f"-DoutputDirectory={config.downloads_dir()}",
        ],
        config.log_path("keycloak-install"),
    )
    found = _find_zip()
    if found is None:
        raise StackError(f"keycloak: mvn finished but {_zip_name()} is nowhere to be found")
    return found


def _extract(archive: Path, dest: Path) -> None:
    # Unpack beside the destination and rename at the end, so an interrupted unzip
    # never leaves a half distribution that later runs would mistake for a good one.
    partial = dest.with_name(dest.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            target = zf.extract(info, partial)
            mode = (info.external_attr >> 16) & 0o777
            if mode & 0o111:  # zipfile drops permissions; kc.sh must stay executable
                os.chmod(target, mode)
    (partial / f"keycloak-{version()}").rename(dest)
    partial.rmdir()


def _link_data_dir(dist: Path) -> None:
    # start-dev keeps its H2 database in <dist>/data; point that at the state data dir
    # so all mutable state lives in one place and a reinstall keeps the realms.
    data = dist / "data"
    if not data.is_symlink():
        shutil.rmtree(data, ignore_errors=True)
        data.symlink_to(config.data_dir("keycloak"), target_is_directory=True)


class Keycloak(ProcessComponent):
    name = "keycloak"
    marker = "keycloak"
    stop_timeout = 30.0

    def __init__(self) -> None:
        self.ready_timeout = float(config.env_int("KEYCLOAK_TIMEOUT", 240))

    def external(self) -> bool:
        return config.env("KEYCLOAK_URL") is not None

    def probe(self) -> bool:
        if self.external():
            return http_ok(f"{url()}/realms/master")
        # /health/ready turns green before the realm endpoints answer; require both.
        return http_ok(f"http://{HOST}:{management_port()}/health/ready") and http_ok(
            f"{url()}/realms/master"
        )

    def install(self) -> None:
        if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
            raise StackError("keycloak: no Java found (needs 17+); apt-get install openjdk-17-jre")
        dist = home()
        if not (dist / "bin" / "kc.sh").is_file():
            _extract(_find_zip() or _fetch_zip(), dist)
        _link_data_dir(dist)

    def argv(self) -> list[str]:
        return [
            str(home() / "bin" / "kc.sh"),
            "start-dev",
            f"--http-host={HOST}",
            f"--http-port={port()}",
            f"--http-management-port={management_port()}",
            "--health-enabled=true",
        ]

    def extra_env(self) -> dict[str, str]:
        return {
            "KC_BOOTSTRAP_ADMIN_USERNAME": admin_user(),
            "KC_BOOTSTRAP_ADMIN_PASSWORD": admin_password(),
            "JAVA_OPTS_KC_HEAP": config.env("KEYCLOAK_HEAP") or DEFAULT_HEAP,
        }

    def log_files(self) -> list[Path]:
        install_log = config.log_path("keycloak-install")
        return [config.log_path(self.name), *([install_log] if install_log.exists() else [])]
