"""`inspraak-stack run` (`make run`): everything up, a demo municipality, down on Ctrl-C."""

from __future__ import annotations

import signal
import time
from types import FrameType

from inspraak_stack import config, demo, platform, stack
from inspraak_stack.platform import RunningPlatform
from inspraak_stack.stack import Endpoints

WATCH_INTERVAL = 1.0


def _ignore_signals() -> None:
    # A second Ctrl-C must not cut the clean-up short and leave orphans behind. (A
    # terminal's Ctrl-C can arrive twice: directly and forwarded by `uv run`.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    _ignore_signals()  # first, so no later signal can interrupt the clean-up
    raise KeyboardInterrupt


def _table(rows: list[tuple[str, ...]], indent: str = "  ") -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        (indent + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))).rstrip()
        for row in rows
    )


def summary(
    endpoints: Endpoints,
    running: RunningPlatform,
    logins: list[tuple[str, str]],
    realm: str = demo.DEMO_REALM,
) -> str:
    """What a developer needs to start clicking: URLs, consoles and logins."""
    services = [(name, proc.url, f"{proc.url}/docs") for name, proc in running.services.items()]
    kc = endpoints.keycloak_url
    gateway_port = running.services["gateway"].port if "gateway" in running.services else 8000
    infra = [
        (f"{realm} municipality", f"http://{demo.DEMO_DOMAIN}:{gateway_port}/",
         f"tenant spec {demo.spec_path(realm)}"),
        ("Keycloak admin", f"{kc}/admin/", f"{endpoints.keycloak_admin_user} / "
         f"{endpoints.keycloak_admin_password}"),
        (f"{realm} account console", f"{kc}/realms/{realm}/account/", "a demo login below"),
        ("Mail catcher API", f"{endpoints.mail_api_url}/messages",
         f"SMTP {endpoints.smtp_host}:{endpoints.smtp_port}"),
        ("NATS", running.nats_url, ""),
        ("PostgreSQL", endpoints.postgres_admin_url,
         f"databases {running.prefix}_<service>"),
    ]  # fmt: skip
    people = [("username", "role", "password")] + [
        (username, role, demo.DEMO_PASSWORD) for username, role in logins
    ]
    logs = config.state_dir() / "logs"
    return "\n".join(
        [
            "",
            "Services (gateway first; API docs at /docs)",
            _table([("service", "url", "docs"), *services]),
            "",
            "Infrastructure",
            _table(infra),
            "",
            f'Demo logins, realm "{realm}" ({demo.DEMO_DISPLAY_NAME})',
            _table(people),
            "",
            f"Logs: {logs}/service-<name>.log (`inspraak-stack logs gateway`)",
        ]
    )


def _watch(running: RunningPlatform) -> None:
    """Sleep until a signal; report a service that dies meanwhile (once)."""
    reported: set[str] = set()
    while True:
        time.sleep(WATCH_INTERVAL)
        for proc in running.services.values():
            if proc.name not in reported and not proc.alive():
                reported.add(proc.name)
                print(f"!! {proc.name} exited; see {proc.log}", flush=True)


def _shutdown(running: RunningPlatform | None, *, stop_stack: bool) -> None:
    _ignore_signals()
    print("stopping ...", flush=True)
    stopped = running.stop() if running else []
    if stop_stack:
        components = [c for c in reversed(stack.ALL) if stack.components()[c].alive()]
        stack.down()
        stopped += [c for c in components if not stack.components()[c].probe()]
    print(f"stopped: {', '.join(stopped) or 'nothing'}", flush=True)


def run(*, keep_stack: bool = False) -> int:
    # SIGTERM (e.g. from `timeout` or a process manager) takes the Ctrl-C path.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    running: RunningPlatform | None = None
    interrupted = False
    try:
        endpoints = stack.up()
        running = platform.start_platform(endpoints, browsers_on_gateway_port=True)
        logins = demo.provision(endpoints, running)
        print(summary(endpoints, running, logins), flush=True)
        print(f"Ready in {time.monotonic() - started:.1f}s. Ctrl-C stops everything.", flush=True)
        _watch(running)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        # After a failure the servers stay up: their logs explain it, and a retry is faster.
        _shutdown(running, stop_stack=interrupted and not keep_stack)
    return 0
