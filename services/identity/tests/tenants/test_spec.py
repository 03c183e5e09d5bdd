"""The tenant spec: the rules of docs/tenant-spec.md, checked without any server."""

import pytest
from inspraak_identity.tenants.schemas import TenantSpec
from pydantic import ValidationError

from tests.support.world import new_spec


def _errors(**overrides) -> str:
    with pytest.raises(ValidationError) as caught:
        TenantSpec.model_validate(new_spec(**overrides))
    return str(caught.value)


class TestValidSpec:
    def test_documented_example_is_accepted(self):
        spec = TenantSpec.model_validate(
            {
                "slug": "gent",
                "displayName": "Stad Gent",
                "country": "BE",
                "defaultLanguage": "nl",
                "languages": ["nl", "fr"],
                "domains": {"primary": "inspraak.gent.be", "aliases": ["participatie.gent.be"]},
                "allowExternalModerators": True,
                "allowSelfRegistration": True,
                "requireProjectApproval": True,
                "bootstrapSuperadminEmail": "participatie@gent.be",
                "keycloakUrl": "https://id-2.inspraak.example",
                "branding": {"primaryColor": "#0b5394", "logoUrl": "https://www.gent.be/logo.svg"},
            }
        )
        assert spec.hosts == ["inspraak.gent.be", "participatie.gent.be"]
        assert spec.document()["keycloakUrl"] == "https://id-2.inspraak.example"

    def test_keycloak_url_and_branding_are_optional(self):
        document = TenantSpec.model_validate(new_spec()).document()
        assert "keycloakUrl" not in document
        assert "branding" not in document


class TestRefusedSpec:
    @pytest.mark.parametrize("slug", ["master", "platform", "admin", "api", "deadletter"])
    def test_reserved_slug_is_refused(self, slug):
        assert "reserved" in _errors(slug=slug)

    @pytest.mark.parametrize("slug", ["ab", "Gent", "1gent", "gent_", "-gent", "g" * 64])
    def test_malformed_slug_is_refused(self, slug):
        _errors(slug=slug)

    def test_default_language_outside_languages_is_refused(self):
        assert "defaultLanguage" in _errors(defaultLanguage="en", languages=["nl", "fr"])

    def test_unknown_language_is_refused(self):
        _errors(languages=["nl", "de"])

    def test_unknown_key_is_refused(self):
        assert "extra" in _errors(colour="blue").lower() or "Extra" in _errors(colour="blue")

    @pytest.mark.parametrize(
        "host", ["Inspraak.gent.be", "https://gent.be", "gent.be/path", "gent.be:443", "-x.be"]
    )
    def test_domain_that_is_no_lowercase_host_name_is_refused(self, host):
        _errors(domains={"primary": host})

    def test_domain_appearing_twice_is_refused(self):
        assert "twice" in _errors(domains={"primary": "a.example", "aliases": ["a.example"]})

    def test_bootstrap_email_must_be_an_email_address(self):
        _errors(bootstrapSuperadminEmail="not-an-address")

    def test_country_is_nl_or_be(self):
        _errors(country="DE")
