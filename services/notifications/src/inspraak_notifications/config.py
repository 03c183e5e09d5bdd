"""Settings of the notifications service: environment variables prefixed INSPRAAK_NOTIFICATIONS_."""

from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="INSPRAAK_NOTIFICATIONS_", extra="ignore", frozen=True
    )

    database_url: str = "sqlite+aiosqlite:///./.stack/data/notifications.db"
