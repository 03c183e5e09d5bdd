"""Where browsers reach the gateway, and what production refuses."""

import pytest
from inspraak_gateway.config import GatewaySettings
from pydantic import ValidationError

STRONG_KEY = "k" * 48
PRODUCTION = {
    "environment": "production",
    "session_key": STRONG_KEY,
    "database_url": "postgresql+asyncpg://gateway:Strong-db-pass-2026@db.internal/gateway",
}


def _settings(**values) -> GatewaySettings:
    return GatewaySettings(_env_file=None, **values)


class TestPublicOrigin:
    def test_https_on_the_default_port_in_production_form(self):
        assert _settings().public_origin("gent.be") == "https://gent.be"

    def test_a_developer_machine_names_the_gateways_port(self):
        settings = _settings(public_scheme="http", cookie_secure=False, public_port=8000)
        assert settings.public_origin("demo.localhost") == "http://demo.localhost:8000"

    def test_production_refuses_a_port_of_its_own(self):
        with pytest.raises(ValidationError, match="default port"):
            _settings(**PRODUCTION, public_port=8443)

    def test_production_with_https_and_a_strong_key_is_accepted(self):
        settings = _settings(**PRODUCTION)
        assert settings.public_origin("gent.be") == "https://gent.be"
