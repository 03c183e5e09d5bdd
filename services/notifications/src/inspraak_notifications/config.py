"""Settings of the notifications service: environment variables prefixed INSPRAAK_NOTIFICATIONS_."""

from typing import Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import DEVELOPMENT_SECRETS, Environment, ServiceSettings


class NotificationsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="INSPRAAK_NOTIFICATIONS_", extra="ignore", frozen=True
    )

    database_url: str = "sqlite+aiosqlite:///./.stack/data/notifications.db"

    # SMTP: the local stack's mail catcher by default.
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=11025, ge=1, le=65535)
    smtp_starttls: bool = Field(default=False, description="Upgrade the connection with STARTTLS.")
    smtp_ssl: bool = Field(
        default=False, description="Implicit TLS (port 465) instead of STARTTLS."
    )
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_timeout_seconds: float = Field(default=15.0, gt=0)
    mail_from_address: str = "noreply@inspraak.example"
    mail_from_name: str = "Inspraak"

    # Signs the one-click unsubscribe links; a production process refuses the default.
    unsubscribe_secret: SecretStr = SecretStr("change-me")
    # Where people reach this service and the web app, per tenant domain.
    public_api_url_template: str = "https://{domain}/api/v1/notifications"
    web_url_template: str = "https://{domain}"
    fallback_domain: str = Field(
        default="inspraak.example", description="Used while a tenant's domain is not known yet."
    )

    # Delivery: how often the loop looks for mail, and the back-off between tries.
    delivery_poll_seconds: float = Field(default=1.0, gt=0)
    delivery_batch_size: int = Field(default=20, ge=1, le=500)
    delivery_backoff_seconds: tuple[float, ...] = (30.0, 120.0, 600.0, 3600.0, 6 * 3600.0)
    delivery_max_attempts: int = Field(default=8, ge=1)
    # A claimed row's lease: a live round renews it every third of it; a row left in
    # `sending` without renewal this long (a crashed process) is tried again.
    delivery_lease_seconds: float = Field(default=30.0, gt=0)

    # Digests and the quarterly policy-maker update.
    scheduler_interval_seconds: float = Field(default=60.0, gt=0)
    digest_hour: int = Field(default=7, ge=0, le=23, description="Local hour digests go out.")

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Self:
        if self.environment is not Environment.PRODUCTION:
            return self
        if self.unsubscribe_secret.get_secret_value() in DEVELOPMENT_SECRETS:
            raise ValueError("production needs its own unsubscribe_secret")
        password = self.smtp_password.get_secret_value() if self.smtp_password else None
        if password in DEVELOPMENT_SECRETS:
            raise ValueError("production refuses a development SMTP password")
        return self
