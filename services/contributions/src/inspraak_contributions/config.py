"""Settings of the contributions service: environment variables prefixed INSPRAAK_CONTRIBUTIONS_."""

from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class ContributionsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="INSPRAAK_CONTRIBUTIONS_", extra="ignore", frozen=True
    )

    database_url: str = "sqlite+aiosqlite:///./.stack/data/contributions.db"
