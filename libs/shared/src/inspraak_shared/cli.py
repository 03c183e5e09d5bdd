"""`inspraak`: the operators' command (services, migrations, checks, and service plugins).

Services are found through the `inspraak.services` entry point group and extra
command groups through `inspraak.commands` (identity adds `tenant`), so this command
never imports a service's code directly.
"""

import asyncio
import json
import subprocess
import sys
from importlib.metadata import EntryPoint, entry_points
from typing import Annotated

import httpx
import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.engine import make_url

from inspraak_shared.db import create_engine, ping
from inspraak_shared.messaging import connect
from inspraak_shared.migrations import current_revision, head_revision, upgrade
from inspraak_shared.service import ServiceManifest

SERVICES_GROUP = "inspraak.services"
COMMANDS_GROUP = "inspraak.commands"

app = typer.Typer(help="Operate an Inspraak installation.", no_args_is_help=True)
# Runs one service's part in a process of its own (see _run_isolated); not for people.
one_service = typer.Typer(hidden=True, no_args_is_help=True)
app.add_typer(one_service, name="one-service", hidden=True)
console = Console()


def service_names() -> list[str]:
    """Installed services, without importing any of them."""
    return sorted({entry.name for entry in entry_points(group=SERVICES_GROUP)})


def load_manifest(name: str) -> ServiceManifest:
    (entry,) = (e for e in entry_points(group=SERVICES_GROUP) if e.name == name)
    manifest: ServiceManifest = entry.load()
    return manifest


def _select(names: list[str] | None) -> list[str]:
    known = service_names()
    unknown = sorted(set(names or []) - set(known))
    if unknown:
        raise typer.BadParameter(
            f"unknown service(s): {', '.join(unknown)}; known: {', '.join(known)}"
        )
    return names or known


def _run_isolated(action: str, name: str) -> subprocess.CompletedProcess[str]:
    # Each service is loaded in its own interpreter: SQLModel's table registry is
    # process-wide, so two services' models must never be imported together, and one
    # service's broken install must not stop the others' migrations.
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "inspraak_shared.cli", "one-service", action, name],
        capture_output=True,
        text=True,
        check=False,
    )


def _json_line(result: subprocess.CompletedProcess[str], name: str) -> dict[str, object]:
    lines = result.stdout.strip().splitlines()
    if not lines:
        detail = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {"ok": False, "error": f"{name} could not be loaded: {detail}"}
    parsed: dict[str, object] = json.loads(lines[-1])
    return parsed


@app.command("services")
def list_services() -> None:
    """List the installed services."""
    table = Table("service", "version", "database")
    for name in service_names():
        info = _json_line(_run_isolated("describe", name), name)
        table.add_row(
            name, str(info.get("version", "?")), str(info.get("database", info.get("error")))
        )
    console.print(table)


@app.command("migrate")
def migrate(
    services: Annotated[list[str] | None, typer.Argument(help="Services; all by default.")] = None,
) -> None:
    """Bring each service's database to its newest migration (idempotent)."""
    failed = False
    for name in _select(services):
        with console.status(f"migrating {name}"):
            result = _run_isolated("migrate", name)
        info = _json_line(result, name)
        if info.get("ok"):
            console.print(f"[green]✓[/] {name} at {info['revision']}")
        else:
            failed = True
            console.print(f"[red]✗[/] {name}: {info.get('error')}")
            console.print(result.stderr[-3000:], markup=False, highlight=False)
    if failed:
        raise typer.Exit(1)


@app.command("check")
def check(
    services: Annotated[list[str] | None, typer.Argument(help="Services; all by default.")] = None,
) -> None:
    """Check that every service reaches its database (migrated), NATS and Keycloak."""
    table = Table("service", "check", "result")
    all_ok = True
    for name in _select(services):
        info = _json_line(_run_isolated("check", name), name)
        rows = info.get("checks") or [["load", False, info.get("error")]]
        for check_name, ok, detail in rows:  # type: ignore[union-attr]
            all_ok = all_ok and bool(ok)
            table.add_row(
                name, str(check_name), f"[green]ok[/] {detail}" if ok else f"[red]FAIL[/] {detail}"
            )
    console.print(table)
    if not all_ok:
        raise typer.Exit(1)


@one_service.command("describe")
def _describe_one(name: str) -> None:
    manifest = load_manifest(name)
    database = _redact(manifest.settings_factory().database_url)
    print(json.dumps({"ok": True, "version": manifest.version, "database": database}))


@one_service.command("migrate")
def _migrate_one(name: str) -> None:
    manifest = load_manifest(name)
    try:
        upgrade(manifest.migrations_dir, manifest.settings_factory().database_url)
    except Exception as exc:
        print(json.dumps({"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]}))
        raise typer.Exit(1) from exc
    print(json.dumps({"ok": True, "revision": head_revision(manifest.migrations_dir)}))


@one_service.command("check")
def _check_one(name: str) -> None:
    checks = asyncio.run(_checks(load_manifest(name)))
    print(json.dumps({"ok": all(ok for _, ok, _ in checks), "checks": checks}))


async def _checks(manifest: ServiceManifest) -> list[tuple[str, bool, str]]:
    settings = manifest.settings_factory()
    return [
        ("database", *await _check_database(manifest)),
        ("nats", *await _check_nats(settings.nats_url)),
        ("keycloak", *await _check_http(settings.keycloak_url)),
    ]


async def _check_database(manifest: ServiceManifest) -> tuple[bool, str]:
    url = manifest.settings_factory().database_url
    engine = create_engine(url, pool_size=1)
    try:
        await ping(engine)
    except Exception as exc:  # noqa: BLE001 - reported to the operator
        return False, f"unreachable: {type(exc).__name__}"
    finally:
        await engine.dispose()
    current, head = await current_revision(url), head_revision(manifest.migrations_dir)
    if current != head:
        return False, f"at {current}, newest is {head}: run `inspraak migrate {manifest.name}`"
    return True, f"migrated ({head})"


async def _check_nats(url: str) -> tuple[bool, str]:
    try:
        client = await connect(url, name="inspraak-check")
    except Exception as exc:  # noqa: BLE001 - reported to the operator
        return False, f"unreachable: {type(exc).__name__}"
    try:
        info = await client.jetstream().account_info()
        return True, f"JetStream, {info.streams} streams"
    except Exception as exc:  # noqa: BLE001 - reported to the operator
        return False, f"JetStream not available: {type(exc).__name__}"
    finally:
        await client.close()


async def _check_http(base_url: str) -> tuple[bool, str]:
    try:
        async with httpx.AsyncClient(timeout=5) as http:
            response = await http.get(f"{base_url.rstrip('/')}/realms/master")
    except httpx.HTTPError as exc:
        return False, f"unreachable: {type(exc).__name__}"
    return response.status_code == 200, f"HTTP {response.status_code}"


def _redact(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _add_plugin_commands(requested: str | None) -> None:
    # Only the plugin asked for is imported (each belongs to one service; see _run_isolated).
    wanted_all = requested in (None, "--help", "-h")
    for entry in entry_points(group=COMMANDS_GROUP):
        if wanted_all or requested == entry.name:
            _add_plugin(entry)


def _add_plugin(entry: EntryPoint) -> None:
    try:
        app.add_typer(entry.load(), name=entry.name)
    except Exception as exc:  # noqa: BLE001 - one broken plugin must not disable the CLI
        console.print(f"[yellow]command group '{entry.name}' unavailable: {exc}[/]")


def main() -> None:
    _add_plugin_commands(sys.argv[1] if len(sys.argv) > 1 else None)
    app()


if __name__ == "__main__":
    main()
