"""`inspraak`: the operators' command (services, migrations, checks, and service plugins).

Services are found through the `inspraak.services` entry point group and extra
command groups through `inspraak.commands` (identity adds `tenant`), so this command
never imports a service's code directly.
"""

import asyncio
from importlib.metadata import entry_points
from typing import Annotated

import httpx
import typer
from rich.console import Console
from rich.table import Table

from inspraak_shared.db import create_engine, ping
from inspraak_shared.messaging import connect
from inspraak_shared.migrations import current_revision, head_revision, upgrade
from inspraak_shared.service import ServiceManifest

app = typer.Typer(help="Operate an Inspraak installation.", no_args_is_help=True)
console = Console()


def discover_services() -> dict[str, ServiceManifest]:
    found: dict[str, ServiceManifest] = {}
    for entry in entry_points(group="inspraak.services"):
        manifest = entry.load()
        found[manifest.name] = manifest
    return dict(sorted(found.items()))


def _select(names: list[str] | None) -> list[ServiceManifest]:
    services = discover_services()
    unknown = sorted(set(names or []) - services.keys())
    if unknown:
        raise typer.BadParameter(
            f"unknown service(s): {', '.join(unknown)}; known: {', '.join(services)}"
        )
    return [services[n] for n in (names or services)]


@app.command("services")
def list_services() -> None:
    """List the installed services."""
    table = Table("service", "version", "database")
    for manifest in discover_services().values():
        table.add_row(
            manifest.name, manifest.version, _redact(manifest.settings_factory().database_url)
        )
    console.print(table)


@app.command("migrate")
def migrate(
    services: Annotated[list[str] | None, typer.Argument(help="Services; all by default.")] = None,
) -> None:
    """Bring each service's database to its newest migration (idempotent)."""
    for manifest in _select(services):
        url = manifest.settings_factory().database_url
        with console.status(f"migrating {manifest.name}"):
            upgrade(manifest.migrations_dir, url)
        console.print(f"[green]✓[/] {manifest.name} at {head_revision(manifest.migrations_dir)}")


@app.command("check")
def check(
    services: Annotated[list[str] | None, typer.Argument(help="Services; all by default.")] = None,
) -> None:
    """Check that every service reaches its database (migrated), NATS and Keycloak."""
    results = asyncio.run(_check_all(_select(services)))
    table = Table("service", "check", "result")
    for service, name, ok, detail in results:
        table.add_row(service, name, f"[green]ok[/] {detail}" if ok else f"[red]FAIL[/] {detail}")
    console.print(table)
    if not all(ok for _, _, ok, _ in results):
        raise typer.Exit(1)


async def _check_all(manifests: list[ServiceManifest]) -> list[tuple[str, str, bool, str]]:
    results: list[tuple[str, str, bool, str]] = []
    for manifest in manifests:
        settings = manifest.settings_factory()
        results.append((manifest.name, "database", *await _check_database(manifest)))
        results.append((manifest.name, "nats", *await _check_nats(settings.nats_url)))
        results.append((manifest.name, "keycloak", *await _check_http(settings.keycloak_url)))
    return results


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
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _add_plugin_commands() -> None:
    for entry in entry_points(group="inspraak.commands"):
        try:
            app.add_typer(entry.load(), name=entry.name)
        except Exception as exc:  # noqa: BLE001 - one broken plugin must not disable the CLI
            console.print(f"[yellow]command group '{entry.name}' unavailable: {exc}[/]")


def main() -> None:
    _add_plugin_commands()
    app()
