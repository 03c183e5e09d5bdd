"""`inspraak tenant apply|export|delete`, run as the operator (and the Helm Job) runs it."""

import json

import pytest
import yaml
from inspraak_identity.tenants.cli import app
from typer.testing import CliRunner

from tests.support.world import new_spec

pytestmark = pytest.mark.keycloak


@pytest.fixture
def cli_env(monkeypatch, settings):
    monkeypatch.setenv("INSPRAAK_IDENTITY_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("INSPRAAK_IDENTITY_KEYCLOAK_URL", settings.keycloak_url)
    monkeypatch.setenv("INSPRAAK_IDENTITY_KEYCLOAK_ADMIN_USER", settings.keycloak_admin_user)
    monkeypatch.setenv(
        "INSPRAAK_IDENTITY_KEYCLOAK_ADMIN_PASSWORD",
        settings.keycloak_admin_password.get_secret_value(),
    )
    return CliRunner()


def test_is_registered_as_the_tenant_command_group():
    from importlib.metadata import entry_points

    (entry,) = [e for e in entry_points(group="inspraak.commands") if e.name == "tenant"]
    assert entry.load() is app


def test_apply_export_delete_from_the_command_line(cli_env, tmp_path, keycloak_admin):
    spec = new_spec()
    file = tmp_path / "tenant.yaml"
    file.write_text(yaml.safe_dump(spec))

    first = cli_env.invoke(app, ["apply", str(file), "--show-links"])
    assert first.exit_code == 0, first.output
    assert "realm: created" in first.output
    assert "Accept link: https://" in first.output
    assert keycloak_admin.get_realm(spec["slug"])["displayName"] == spec["displayName"]

    second = cli_env.invoke(app, ["apply", str(file)])
    assert second.exit_code == 0, second.output
    assert "created" not in second.output
    assert "updated" not in second.output
    assert "already up to date" in second.output

    out = tmp_path / "exports"
    exported = cli_env.invoke(app, ["export", spec["slug"], "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    assert json.loads((folder / "tenant.json").read_text())["slug"] == spec["slug"]
    assert list(out.glob("*.tar.gz"))

    refused = cli_env.invoke(app, ["delete", spec["slug"], "--confirm", "wrong"])
    assert refused.exit_code == 2
    deleted = cli_env.invoke(app, ["delete", spec["slug"], "--confirm", spec["slug"]])
    assert deleted.exit_code == 0, deleted.output
    assert spec["slug"] not in {r["realm"] for r in keycloak_admin.get_realms()}


def test_invalid_spec_file_is_refused_with_the_reason(cli_env, tmp_path):
    file = tmp_path / "tenant.yaml"
    file.write_text(yaml.safe_dump(new_spec(defaultLanguage="en")))
    result = cli_env.invoke(app, ["apply", str(file)])
    assert result.exit_code == 2
    assert "defaultLanguage" in result.output or "not valid" in result.output
