"""Settings of the gateway service: environment variables prefixed INSPRAAK_GATEWAY_."""

from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class GatewaySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_GATEWAY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/gateway.db"
