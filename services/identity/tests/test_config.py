"""Identity's settings: defaults for development, refusals in production."""

from types import SimpleNamespace

import pytest
from inspraak_identity.config import IdentitySettings
from inspraak_identity.invitations.service import accept_url
from inspraak_identity.keycloak.realm import RealmDesign
from pydantic import ValidationError

PRODUCTION_DB = "postgresql://identity:s3cret-db-pass@db/identity"
STRONG_TOKEN = "a" * 40


def _production(**values) -> IdentitySettings:
    defaults = {
        "environment": "production",
        "database_url": PRODUCTION_DB,
        "keycloak_admin_password": "kc-admin-pass-1",
        "operator_token": STRONG_TOKEN,
    }
    return IdentitySettings(**{**defaults, **values})


class TestDefaults:
    def test_invitations_last_fourteen_days(self, monkeypatch):
        monkeypatch.delenv("INSPRAAK_IDENTITY_INVITATION_LIFETIME_DAYS", raising=False)
        assert IdentitySettings().invitation_lifetime_days == 14

    def test_settings_come_from_prefixed_environment_variables(self, monkeypatch):
        monkeypatch.setenv("INSPRAAK_IDENTITY_INVITATION_LIFETIME_DAYS", "7")
        monkeypatch.setenv("INSPRAAK_IDENTITY_ACCEPT_URL_PATTERN", "https://{domain}/a/{token}")
        settings = IdentitySettings()
        assert settings.invitation_lifetime_days == 7
        assert settings.accept_url_pattern == "https://{domain}/a/{token}"


class TestProduction:
    def test_strong_secrets_are_accepted(self):
        assert _production().operator_token.get_secret_value() == STRONG_TOKEN

    @pytest.mark.parametrize("token", ["change-me", "admin", "short-token"])
    def test_default_or_short_operator_token_is_refused(self, token):
        with pytest.raises(ValidationError, match="operator_token"):
            _production(operator_token=token)

    def test_development_keycloak_admin_password_is_refused(self):
        with pytest.raises(ValidationError, match="keycloak_admin_password"):
            _production(keycloak_admin_password="admin")

    def test_secrets_do_not_show_in_the_settings_repr(self):
        assert STRONG_TOKEN not in repr(_production())

    def test_plain_http_sign_in_is_refused(self):
        with pytest.raises(ValidationError, match="web_scheme"):
            _production(web_scheme="http")

    def test_a_web_port_of_its_own_is_refused(self):
        with pytest.raises(ValidationError, match="web_port"):
            _production(web_port=8000)


class TestWebScheme:
    """On a developer's machine the web app runs over http; its realm must say so."""

    def _web_client(self, scheme: str, port: int | None = None) -> dict:
        design = RealmDesign(
            web_port=port,
            name="gent",
            display_name="Stad Gent",
            languages=("nl",),
            default_language="nl",
            hosts=("gent.localhost", "www.gent.localhost"),
            allow_registration=True,
            web_scheme=scheme,
        )
        return design.web_client()

    def test_https_is_the_default_everywhere(self):
        web = self._web_client("https")
        assert web["redirectUris"] == [
            "https://gent.localhost/auth/callback",
            "https://www.gent.localhost/auth/callback",
        ]
        assert web["webOrigins"] == ["https://gent.localhost", "https://www.gent.localhost"]

    def test_http_for_development_reaches_every_uri(self):
        web = self._web_client("http")
        assert web["redirectUris"][0] == "http://gent.localhost/auth/callback"
        assert web["webOrigins"][1] == "http://www.gent.localhost"
        logout = web["attributes"]["post.logout.redirect.uris"].split("##")
        assert logout == ["http://gent.localhost/", "http://www.gent.localhost/"]

    def test_a_port_of_its_own_reaches_every_uri(self):
        """`make run` serves the gateway on 8000: Keycloak must send people back there."""
        web = self._web_client("http", 8000)
        assert web["redirectUris"] == [
            "http://gent.localhost:8000/auth/callback",
            "http://www.gent.localhost:8000/auth/callback",
        ]
        assert web["webOrigins"][0] == "http://gent.localhost:8000"
        logout = web["attributes"]["post.logout.redirect.uris"].split("##")
        assert logout == ["http://gent.localhost:8000/", "http://www.gent.localhost:8000/"]


class TestInvitationLinks:
    """The e-mail's link leads where the realm sends people after sign-in."""

    TENANT = SimpleNamespace(primary_domain="gent.localhost", slug="gent")

    def test_https_on_the_primary_domain_by_default(self):
        url = accept_url(IdentitySettings(_env_file=None), self.TENANT, "t0ken")
        assert url == "https://gent.localhost/invitations/accept?token=t0ken"

    def test_a_developer_machine_gets_its_scheme_and_port(self):
        settings = IdentitySettings(_env_file=None, web_scheme="http", web_port=8000)
        url = accept_url(settings, self.TENANT, "t0ken")
        assert url == "http://gent.localhost:8000/invitations/accept?token=t0ken"

    def test_an_operator_pattern_still_takes_domain_and_tenant(self):
        settings = IdentitySettings(
            _env_file=None, accept_url_pattern="https://{domain}/uitnodiging/{tenant}/{token}"
        )
        url = accept_url(settings, self.TENANT, "t0ken")
        assert url == "https://gent.localhost/uitnodiging/gent/t0ken"
