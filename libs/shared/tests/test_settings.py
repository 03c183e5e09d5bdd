"""Settings refuse development defaults in production."""

import pytest
from pydantic import ValidationError

from inspraak_shared.config import Environment, ServiceSettings


class TestProductionRefusesDevelopmentDefaults:
    def test_sqlite_is_refused_in_production(self):
        with pytest.raises(ValidationError, match="PostgreSQL"):
            ServiceSettings(environment=Environment.PRODUCTION)

    def test_default_database_password_is_refused_in_production(self):
        with pytest.raises(ValidationError, match="development default password"):
            ServiceSettings(
                environment=Environment.PRODUCTION,
                database_url="postgresql://inspraak:inspraak@db/projects",
            )

    def test_real_password_is_accepted_in_production(self):
        settings = ServiceSettings(
            environment=Environment.PRODUCTION,
            database_url="postgresql://projects:Zr8-k2Lp@db/projects",
        )
        assert settings.environment is Environment.PRODUCTION

    def test_prefix_is_per_service(self, monkeypatch):
        from pydantic_settings import SettingsConfigDict

        class ProjectsSettings(ServiceSettings):
            model_config = SettingsConfigDict(env_prefix="INSPRAAK_PROJECTS_")

        monkeypatch.setenv("INSPRAAK_PROJECTS_NATS_URL", "nats://nats.example:4222")
        monkeypatch.setenv("INSPRAAK_WIDGET_NATS_URL", "nats://other:4222")
        assert ProjectsSettings().nats_url == "nats://nats.example:4222"
