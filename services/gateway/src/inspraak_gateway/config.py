"""Settings of the gateway service: environment variables prefixed INSPRAAK_GATEWAY_."""

from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import DEVELOPMENT_SECRETS, Environment, ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_GATEWAY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/gateway.db"

    # Where the services listen (the Helm chart sets these to the in-cluster Services).
    identity_url: str = "http://127.0.0.1:8101"
    projects_url: str = "http://127.0.0.1:8102"
    contributions_url: str = "http://127.0.0.1:8103"
    notifications_url: str = "http://127.0.0.1:8104"
    widget_url: str = "http://127.0.0.1:8105"

    host_cache_seconds: float = Field(
        default=15.0,
        ge=0.0,
        le=300.0,
        description="How long a host lookup (tenant, redirect, unknown) is reused; host and "
        "redirect changes reach the gateway within this time",
    )
    host_cache_entries: int = Field(default=10_000, ge=100)
    upstream_connect_timeout_seconds: float = Field(default=3.0, gt=0)
    upstream_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Longest wait for a service's answer before a 504"
    )
    upstream_max_connections: int = Field(default=200, ge=1)
    openapi_cache_seconds: float = Field(default=60.0, ge=0.0)
    hsts_seconds: int = Field(default=31_536_000, ge=0)

    public_scheme: Literal["https", "http"] = Field(
        default="https", description="How browsers reach the gateway (http only for development)"
    )
    public_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="The port browsers reach the gateway on, when it is not the scheme's "
        "default (`make run` serves on 8000); only for development",
    )
    cookie_secure: bool = Field(
        default=True, description="Secure cookies with the __Host- prefix (off only over http)"
    )
    web_client_id: str = "inspraak-web"
    session_key: SecretStr = Field(
        default=SecretStr("change-me"),
        description="Seals the Keycloak tokens of web sessions at rest; changing it signs "
        "everyone out",
    )
    map_tile_url: str = Field(
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        pattern=r"^https?://[^\s\"'<>]+$",
        description="Map tiles of the spatial plans (the CSP lets images come from its origin)",
    )
    map_attribution: str = Field(
        default="© OpenStreetMap contributors", max_length=300, description="Shown on the map"
    )

    @model_validator(mode="after")
    def _refuse_plain_http_in_production(self) -> Self:
        if self.environment is Environment.PRODUCTION and (
            self.public_scheme != "https" or not self.cookie_secure or self.public_port
        ):
            raise ValueError(
                "production serves people over https on the default port with secure cookies only"
            )
        return self

    def public_origin(self, host: str) -> str:
        """Where browsers reach the municipality's `host`: what Keycloak sends them back to."""
        port = f":{self.public_port}" if self.public_port is not None else ""
        return f"{self.public_scheme}://{host}{port}"

    @model_validator(mode="after")
    def _refuse_a_weak_session_key_in_production(self) -> Self:
        key = self.session_key.get_secret_value()
        if self.environment is Environment.PRODUCTION and (
            key in DEVELOPMENT_SECRETS or len(key) < 32
        ):
            raise ValueError("production needs its own session_key of at least 32 characters")
        return self

    def service_url(self, service: str) -> str:
        return str(getattr(self, f"{service}_url")).rstrip("/")
