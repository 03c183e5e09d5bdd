"""Settings of the identity service: environment variables prefixed INSPRAAK_IDENTITY_."""

from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_IDENTITY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/identity.db"
