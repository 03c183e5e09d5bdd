"""The life cycle every stack component shares: start without blocking, wait, stop."""

from __future__ import annotations

import contextlib
import socket
import time
from abc import ABC, abstractmethod
from pathlib import Path

import httpx

from inspraak_stack import config, procs
from inspraak_stack.procs import StackError

# An external server is already supposed to be up: do not wait as long as for our own.
EXTERNAL_TIMEOUT = 15.0
POLL_INTERVAL = 0.25


def http_ok(url: str, timeout: float = 2.0) -> bool:
    # trust_env=False: a proxy from the environment must never sit between us and localhost.
    try:
        return httpx.get(url, timeout=timeout, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def tcp_ok(host: str, port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


class Component(ABC):
    """One server of the stack. `start` returns quickly so slow servers start in parallel."""

    name: str
    ready_timeout: float = 60.0

    @abstractmethod
    def external(self) -> bool:
        """True when the environment points at a server we must use instead of our own."""

    @abstractmethod
    def probe(self) -> bool:
        """A quick readiness check (a second or two at most)."""

    @abstractmethod
    def start(self) -> None:
        """Install and launch the server unless it is external or already running."""

    @abstractmethod
    def stop(self) -> None:
        """Stop the server if this stack started it."""

    def alive(self) -> bool:
        """False once we know the server process is gone, so waiting can stop early."""
        return True

    def log_files(self) -> list[Path]:
        return [config.log_path(self.name)]

    def describe_failure(self, problem: str) -> str:
        parts = [f"{self.name}: {problem}"]
        for log in self.log_files():
            parts.append(f"--- last 30 lines of {log} ---\n{procs.tail(log)}")
        return "\n".join(parts)

    def wait_ready(self, deadline: float) -> None:
        if self.external():
            deadline = min(deadline, time.monotonic() + EXTERNAL_TIMEOUT)
        while not self.probe():
            if not self.external() and not self.alive():
                raise StackError(self.describe_failure("the server process exited"))
            if time.monotonic() > deadline:
                raise StackError(self.describe_failure("did not become ready in time"))
            time.sleep(POLL_INTERVAL)


class ProcessComponent(Component):
    """A server we run ourselves as a child process tracked by a pid file."""

    # A string that must occur in the server's command line: protects against PID reuse.
    marker: str
    stop_timeout: float = 20.0

    @abstractmethod
    def argv(self) -> list[str]: ...

    def extra_env(self) -> dict[str, str]:
        return {}

    def install(self) -> None:
        """Make sure the server's files exist; called only when we are about to start it."""

    def pid(self) -> int | None:
        return procs.running_pid(self.name, self.marker)

    def alive(self) -> bool:
        return self.pid() is not None

    def start(self) -> None:
        if self.external() or self.probe():
            return
        with procs.file_lock(self.name):
            # Another process may have started it while we waited for the lock.
            if self.pid() is not None or self.probe():
                return
            self.install()
            procs.spawn(self.name, self.argv(), extra_env=self.extra_env())

    def stop(self) -> None:
        if self.external():
            return
        with procs.file_lock(self.name):
            pid = self.pid()
            if pid is not None:
                procs.stop_group(pid, self.stop_timeout)
            with contextlib.suppress(FileNotFoundError):
                config.pid_path(self.name).unlink()
