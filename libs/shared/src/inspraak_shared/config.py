"""Settings from the environment: one pydantic-settings class per service, one prefix each."""

from enum import StrEnum
from typing import Self
from urllib.parse import urlsplit

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Credentials the local stack uses; a production process refuses to start with them.
DEVELOPMENT_SECRETS = frozenset({"inspraak", "admin", "change-me", "secret", "password"})


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class ServiceSettings(BaseSettings):
    """What every service needs; a service subclasses it and sets its own `env_prefix`."""

    model_config = SettingsConfigDict(env_prefix="INSPRAAK_", extra="ignore", frozen=True)

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = Field(
        default="sqlite+aiosqlite:///./.stack/data/service.db",
        description="SQLAlchemy URL; postgresql:// is used with asyncpg.",
    )
    database_pool_size: int = Field(default=10, ge=1, le=100)
    nats_url: str = "nats://127.0.0.1:14222"
    keycloak_url: str = Field(
        default="http://127.0.0.1:18080",
        description="Keycloak base URL the service reaches for realm keys (JWKS).",
    )
    keycloak_public_url: str | None = Field(
        default=None,
        description="Keycloak base URL as it appears in tokens' `iss`; defaults to keycloak_url.",
    )
    keycloak_instances: dict[str, str] = Field(
        default_factory=dict,
        description="Further Keycloak instances holding tenant realms, as JSON: public base "
        "URL (as in tokens' iss) -> base URL this service reaches it at.",
    )
    token_audience: str = "inspraak-api"  # noqa: S105 - an audience, not a secret
    trace_sample_ratio: float = Field(default=1.0, ge=0.0, le=1.0)
    otlp_endpoint: str | None = None
    log_level: str = "INFO"
    log_json: bool = True
    max_request_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="Largest request body accepted; a larger one is a 413 before it is read.",
    )
    embedded_worker: bool = Field(
        default=True,
        description="Run the outbox relay and event consumers inside the API process "
        "(small installs); set false when a separate worker Deployment runs them.",
    )

    @property
    def issuer_base_url(self) -> str:
        return (self.keycloak_public_url or self.keycloak_url).rstrip("/")

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> Self:
        if self.environment is not Environment.PRODUCTION:
            return self
        if self.database_url.startswith("sqlite"):
            raise ValueError("production needs PostgreSQL: database_url must not be SQLite")
        password = urlsplit(self.database_url).password
        if password is None or password in DEVELOPMENT_SECRETS:
            raise ValueError(
                "production refuses a database_url without a password or with a "
                "development default password"
            )
        return self
