"""Starting, finding and stopping our server processes by PID.

Servers run in their own session (process group) so that they outlive the CLI or pytest
process that started them, and so that `down` can stop wrappers such as `kc.sh`
together with the JVM they fork.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from inspraak_stack import config

_PROC = Path("/proc")


class StackError(RuntimeError):
    """A server could not be installed, started or reached."""


@contextlib.contextmanager
def file_lock(name: str) -> Iterator[None]:
    """Serialise start/stop of one component across processes (CLI, pytest-xdist workers)."""
    with config.lock_path(name).open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_pid(name: str) -> int | None:
    try:
        return int(config.pid_path(name).read_text().strip())
    except (OSError, ValueError):
        return None


def _reap(pid: int) -> None:
    # A server started by this very process (e.g. by the pytest plugin) stays a zombie
    # after it exits until we wait for it; zombies would otherwise look alive.
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)


def _proc_state(pid: int) -> str | None:
    try:
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name in field 2 may contain spaces and parentheses: split after it.
    return stat.rsplit(")", 1)[1].split()[0]


def pid_alive(pid: int, marker: str) -> bool:
    """True if `pid` runs and its command line contains `marker` (guards against PID reuse)."""
    _reap(pid)
    if not _PROC.is_dir():  # no procfs (macOS): best effort
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    state = _proc_state(pid)
    if state is None or state == "Z":
        return False
    try:
        cmdline = (_PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return marker in cmdline.decode(errors="replace")


def running_pid(name: str, marker: str) -> int | None:
    pid = read_pid(name)
    return pid if pid is not None and pid_alive(pid, marker) else None


def group_alive(pgid: int) -> bool:
    _reap(pgid)
    if not _PROC.is_dir():
        try:
            os.killpg(pgid, 0)
        except OSError:
            return False
        return True
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z" and int(fields[2]) == pgid:
            return True
    return False


def _rotate(log: Path) -> None:
    # Keep exactly one previous log: enough to debug a crash, never grows unbounded.
    if log.exists():
        log.replace(log.with_name(log.name + ".1"))


def spawn(name: str, argv: Sequence[str], *, extra_env: Mapping[str, str] | None = None) -> int:
    """Start `argv` detached, output to `<state>/logs/<name>.log`, PID to the pid file.

    posix_spawn rather than subprocess.Popen: the server must outlive us, and a Popen
    object dropped while its process still runs raises ResourceWarning in pytest.
    """
    log = config.log_path(name)
    _rotate(log)
    log.write_text(f"$ {' '.join(argv)}\n")
    try:
        pid = os.posix_spawnp(
            argv[0],
            list(argv),
            {**os.environ, **(extra_env or {})},
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, str(log), os.O_WRONLY | os.O_APPEND, 0o644),
                (os.POSIX_SPAWN_DUP2, 1, 2),
            ],
            setsid=True,  # own session and process group: survives us, `down` kills the group
        )
    except OSError as exc:
        raise StackError(f"{name}: cannot run {argv[0]}: {exc}") from exc
    config.pid_path(name).write_text(f"{pid}\n")
    return pid


def stop_group(pid: int, timeout: float) -> None:
    """SIGTERM the whole process group led by `pid`, SIGKILL whatever is left after `timeout`."""
    stop_groups([pid], timeout)


def stop_groups(pids: Sequence[int], timeout: float) -> None:
    """Like `stop_group` for several groups at once: all get SIGTERM first, so they shut
    down in parallel and the total wait is one `timeout`, not one per group."""
    remaining = list(pids)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in remaining:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, sig)
        deadline = time.monotonic() + timeout
        while remaining and time.monotonic() < deadline:
            remaining = [pid for pid in remaining if group_alive(pid)]
            if remaining:
                time.sleep(0.2)
        if not remaining:
            return
        timeout = 5.0
    raise StackError(f"process groups {remaining} did not exit after SIGKILL")


def tail(path: Path, lines: int = 30) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return f"(no log at {path})"
    return "\n".join(text.splitlines()[-lines:])


def run_logged(
    argv: Sequence[str],
    log: Path,
    *,
    input_text: str | None = None,
    cwd: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> str:
    """Run a short command, append its output to `log`, raise StackError with output on failure."""
    result = subprocess.run(
        list(argv),
        input=input_text,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **extra_env} if extra_env else None,
        check=False,
    )
    output = result.stdout + result.stderr
    with log.open("a") as out:
        out.write(f"$ {' '.join(argv)}\n{output}")
    if result.returncode != 0:
        raise StackError(f"`{' '.join(argv)}` failed with exit code {result.returncode}:\n{output}")
    return result.stdout
