"""`inspraak domains values|list`, run as the platform operator runs it, on the service's
own database."""

import asyncio
from importlib.metadata import entry_points

import pytest
import yaml
from inspraak_widget.domains.cli import app
from typer.testing import CliRunner


@pytest.fixture
def operator(monkeypatch, settings):
    monkeypatch.setenv("INSPRAAK_WIDGET_DATABASE_URL", settings.database_url)
    runner = CliRunner()

    async def run(*args: str):
        # The command runs its own event loop; keep it off the test's.
        return await asyncio.to_thread(runner.invoke, app, list(args))

    return run


def test_is_registered_as_the_domains_command_group():
    (entry,) = [e for e in entry_points(group="inspraak.commands") if e.name == "domains"]
    assert entry.load() is app


async def test_values_prints_the_block_for_the_tenant_chart(api, town, operator, tmp_path):
    result = await operator("values", town.slug)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout) == {
        "tenant": {"domains": {"primary": town.primary, "aliases": [town.alias]}}
    }
    assert result.stdout.startswith(f"# Domains of tenant '{town.slug}'")

    out = tmp_path / "domains.yaml"
    written = await operator("values", town.slug, "--out", str(out))
    assert written.exit_code == 0, written.output
    assert out.read_text() == result.stdout


async def test_values_of_an_unknown_tenant_fails_with_the_reason(api, operator):
    result = await operator("values", "nergens")
    assert result.exit_code == 1
    assert "not known" in result.output


async def test_list_shows_every_tenant_and_whether_its_release_is_in_sync(
    api, town, city, operator
):
    result = await operator("list")
    assert result.exit_code == 0, result.output
    assert town.slug in result.output
    assert city.slug in result.output
    assert "in sync" in result.output
