"""`inspraak tenant ...`: apply, delete and export tenants (the Helm chart's Job runs apply)."""

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
import yaml
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.config import IdentitySettings
from inspraak_identity.keycloak.admin import KeycloakGateway
from inspraak_identity.keycloak.realm import REALM_ROLES
from inspraak_identity.tenants import service
from inspraak_identity.tenants.schemas import StepRead, TenantSpec
from inspraak_shared.db import create_engine, create_session_factory
from inspraak_shared.problems import Problem

app = typer.Typer(help="Apply, delete and export tenants (municipalities).", no_args_is_help=True)
console = Console()
T = TypeVar("T")
# Realm, profile, roles, default role, two clients, then record, terms and bootstrap.
APPLY_STEPS = 6 + 3
_MARKS = {"created": "[green]+[/]", "updated": "[yellow]~[/]", "unchanged": "[dim]=[/]"}
_MARKS["deleted"] = "[red]-[/]"


def _run(work: Callable[[AsyncSession, KeycloakGateway, IdentitySettings], Awaitable[T]]) -> T:
    """Run `work` in one transaction, committed only when it returns."""
    settings = IdentitySettings()

    async def main() -> T:
        engine = create_engine(settings.database_url, pool_size=1)
        keycloak = KeycloakGateway(settings)
        try:
            async with create_session_factory(engine)() as session:
                result = await work(session, keycloak, settings)
                await session.commit()
                return result
        finally:
            await keycloak.aclose()
            await engine.dispose()

    try:
        return asyncio.run(main())
    except Problem as problem:
        console.print(f"[red]{problem.title}:[/] {problem.detail or ''}")
        raise typer.Exit(1) from None


def load_spec(path: Path) -> TenantSpec:
    try:
        document: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}") from exc
    try:
        return TenantSpec.model_validate(document)
    except ValidationError as exc:
        lines = [
            f"  {'.'.join(str(p) for p in error['loc']) or '(spec)'}: {error['msg']}"
            for error in exc.errors()
        ]
        raise typer.BadParameter("the spec is not valid:\n" + "\n".join(lines)) from exc


def _print_step(step: StepRead, out: Console = console) -> None:
    detail = f" [dim]({', '.join(step.changes)})[/]" if step.changes else ""
    out.print(f"  {_MARKS[step.status]} {step.name}: {step.status}{detail}")


@app.command("apply")
def apply(
    file: Annotated[Path, typer.Argument(help="The tenant spec (YAML).", exists=True)],
    show_links: Annotated[
        bool, typer.Option(help="Print the bootstrap superadmin's accept link.")
    ] = False,
) -> None:
    """Create or update a tenant and its Keycloak realm (idempotent)."""
    spec = load_spec(file)
    console.print(f"Applying tenant [bold]{spec.slug}[/] ({spec.display_name})")
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("realm", total=APPLY_STEPS)

        def advance(step: StepRead) -> None:
            progress.advance(task)
            progress.update(task, description=step.name)
            _print_step(step, progress.console)

        report = _run(
            lambda session, keycloak, settings: service.apply_tenant(
                session, keycloak, settings, spec, progress=advance
            )
        )
    if report.bootstrap_invitation is not None:
        invitation = report.bootstrap_invitation
        console.print(f"Invitation for the first superadmin sent to {invitation.email}.")
        if show_links:
            console.print(f"Accept link: {invitation.accept_url}", soft_wrap=True, highlight=False)
    console.print(
        f"[green]✓[/] {spec.slug} " + ("changed" if report.changed else "was already up to date")
    )


@app.command("delete")
def delete(
    slug: Annotated[str, typer.Argument(help="The tenant to delete.")],
    confirm: Annotated[
        str, typer.Option("--confirm", help="The slug again: deleting cannot be undone.")
    ],
) -> None:
    """Delete a tenant: its Keycloak realm and all its identity data."""
    if confirm != slug:
        console.print("[red]Not deleted:[/] --confirm must repeat the slug exactly.")
        raise typer.Exit(2)
    report = _run(
        lambda session, keycloak, settings: service.delete_tenant(
            session, keycloak, settings, slug, confirm=confirm
        )
    )
    for step in report.steps:
        _print_step(step)
    console.print(f"[green]✓[/] {slug} deleted")


@app.command("export")
def export(
    slug: Annotated[str, typer.Argument(help="The tenant to export.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the export into.")],
) -> None:
    """Export all the tenant's identity data as JSON files (a folder and a .tar.gz)."""
    out.mkdir(parents=True, exist_ok=True)
    with console.status(f"exporting {slug}"):
        bundle = _run(
            lambda session, keycloak, settings: service.export_tenant(session, keycloak, slug)
        )
        folder, tarball = service.write_export(bundle, slug, out)
    console.print(f"[green]✓[/] {len(bundle)} files in {folder}")
    console.print(f"[green]✓[/] archive {tarball}")


@app.command("roles")
def roles() -> None:
    """List the realm roles every tenant gets."""
    for name, description in REALM_ROLES.items():
        console.print(f"{name:16} {description}")
