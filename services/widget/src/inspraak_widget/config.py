"""Settings of the widget service: environment variables prefixed INSPRAAK_WIDGET_."""

from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class WidgetSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_WIDGET_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/widget.db"
