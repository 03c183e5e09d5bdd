"""Settings of the widget service: environment variables prefixed INSPRAAK_WIDGET_."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class WidgetSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_WIDGET_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/widget.db"
    ingress_host: str = Field(
        default="ingress.inspraak.example",
        description="Host name a tenant's domains point to with a CNAME (the platform's ingress).",
    )
    ingress_addresses: list[str] = Field(
        default_factory=list,
        description="IP addresses of the ingress, for apex domains that cannot hold a CNAME; "
        "when empty the domain check compares with the addresses of ingress_host.",
    )
    dns_timeout_seconds: float = Field(default=3.0, gt=0, le=30)
    routing_timeout_seconds: float = Field(
        default=3.0,
        gt=0,
        le=30,
        description="How long the routing check waits for https://<host>/.well-known/inspraak/host.",
    )
