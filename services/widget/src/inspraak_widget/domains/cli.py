"""`inspraak domains list|values`: the operator's side of the hand-over of domains.

The IT officer sets a municipality's domains in the widget service; the Ingress and its
certificate belong to the platform operator's tenant Helm release. These commands show
which releases lag behind and print the exact values block for `helm upgrade`.
"""

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.db import create_engine, create_session_factory
from inspraak_shared.problems import Problem
from inspraak_widget.config import WidgetSettings
from inspraak_widget.domains import service

app = typer.Typer(
    help="Municipalities' domains for their tenant Helm releases (Ingress hosts and TLS).",
    no_args_is_help=True,
)
console = Console()
errors = Console(stderr=True)
T = TypeVar("T")


def _read(work: Callable[[AsyncSession], Awaitable[T]]) -> T:
    """Run `work` on the widget database (read only: nothing is committed)."""
    settings = WidgetSettings()

    async def main() -> T:
        engine = create_engine(settings.database_url, pool_size=1)
        try:
            async with create_session_factory(engine)() as session:
                return await work(session)
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except Problem as problem:
        errors.print(f"[red]{problem.title}:[/] {problem.detail or ''}")
        raise typer.Exit(1) from None


@app.command("values")
def values(
    slug: Annotated[str, typer.Argument(help="The municipality (tenant slug).")],
    out: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of printing.")
    ] = None,
) -> None:
    """Print the values block of the inspraak-tenant chart for the municipality's domains."""
    release = _read(lambda session: service.release_values(session, slug))
    if out is None:
        # Plain output: it is meant for `> domains.yaml` or a pipe into helm.
        typer.echo(release.file, nl=False)
        return
    out.write_text(release.file, encoding="utf-8")
    errors.print(f"[green]✓[/] {out}: helm upgrade <release> ... -f <tenant values> -f {out}")


@app.command("list")
def list_domains() -> None:
    """Every municipality's domains, and whether its tenant release serves them all."""
    releases = _read(service.all_release_values)
    table = Table("tenant", "primary", "aliases", "release")
    for release in releases:
        state = "[green]in sync[/]" if release.in_sync else _behind(release)
        table.add_row(release.tenant, release.primary, ", ".join(release.aliases), state)
    console.print(table)


def _behind(release: service.ReleaseValues) -> str:
    parts = [f"lacks {', '.join(release.missing)}"] if release.missing else []
    parts += [f"still has {', '.join(release.surplus)}"] if release.surplus else []
    if release.release_primary != release.primary:
        parts.append(f"primary is {release.release_primary or 'unknown'}")
    return f"[yellow]{'; '.join(parts)}[/]: inspraak domains values {release.tenant}"
