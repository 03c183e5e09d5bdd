"""`inspraak-stack`: run the local servers for development and tests."""

from __future__ import annotations

import argparse
import logging
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from inspraak_stack import config, platform, run, stack
from inspraak_stack.procs import StackError


def _components(only: str | None) -> tuple[str, ...]:
    if not only:
        return stack.ALL
    return tuple(name.strip() for name in only.split(",") if name.strip())


def _print_endpoints(endpoints: stack.Endpoints) -> None:
    rows = endpoints.as_dict()
    width = max(len(key) for key in rows)
    for key, value in rows.items():
        print(f"{key:<{width}}  {value}")


def cmd_up(args: argparse.Namespace) -> int:
    started = time.monotonic()
    endpoints = stack.up(_components(args.only))
    print(f"stack ready in {time.monotonic() - started:.1f}s (state: {config.state_dir()})")
    _print_endpoints(endpoints)
    return 0


def cmd_down(args: argparse.Namespace) -> int:
    if not args.only:  # the services need every server: stop them before their servers
        for name in platform.stop_platform(prefix=None):
            print(f"stopped {name}")
    stack.down(_components(args.only))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    return run.run(keep_stack=args.keep_stack)


def cmd_status(args: argparse.Namespace) -> int:
    for name, ready in stack.status().items():
        print(f"{name:<9} {'ready' if ready else 'down'}")
    for name, pid in platform.running_services().items():
        print(f"{name:<9} running (pid {pid})")
    return 0


def cmd_env(args: argparse.Namespace) -> int:
    for key, value in stack.endpoints().as_env().items():
        print(f"export {key}={shlex.quote(value)}")
    return 0


def cmd_logs(args: argparse.Namespace) -> int:
    if args.name in platform.ALL_SERVICES:
        paths = [config.log_path(platform.process_name(platform.DEFAULT_PREFIX, args.name))]
    else:
        paths = stack.components()[args.name].log_files()
    for path in paths:
        print(f"==> {path} <==")
        print(_read(path, args.lines))
    return 0


def _read(path: Path, lines: int) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError as exc:
        return f"(cannot read: {exc.strerror})"
    return "\n".join(text.splitlines()[-lines:]) if lines > 0 else text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="inspraak-stack", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    only_help = f"comma-separated subset of {','.join(stack.ALL)}"
    up = sub.add_parser("up", help="start the servers (reuses running ones) and wait")
    up.add_argument("--only", help=only_help)
    up.set_defaults(func=cmd_up)
    down = sub.add_parser("down", help="stop the servers this stack started")
    down.add_argument("--only", help=only_help)
    down.set_defaults(func=cmd_down)
    sub.add_parser("status", help="which servers answer").set_defaults(func=cmd_status)
    run_parser = sub.add_parser(
        "run", help="the stack, all services and a demo municipality, until Ctrl-C"
    )
    run_parser.add_argument(
        "--keep-stack",
        action="store_true",
        help="on exit stop only the services; leave the servers running for the next run",
    )
    run_parser.set_defaults(func=cmd_run)
    sub.add_parser("env", help="print export lines for the endpoints").set_defaults(func=cmd_env)
    logs = sub.add_parser("logs", help="show a server's log")
    logs.add_argument("name", choices=[*stack.ALL, *platform.ALL_SERVICES])
    logs.add_argument("-n", "--lines", type=int, default=200, help="last N lines (0 = all)")
    logs.set_defaults(func=cmd_logs)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="inspraak-stack: %(message)s", stream=sys.stderr)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per readiness poll
    try:
        return int(args.func(args))
    except (StackError, ValueError) as exc:
        print(f"inspraak-stack: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
