"""Settings of the contributions service: environment variables prefixed INSPRAAK_CONTRIBUTIONS_."""

from typing import Annotated

from fastapi import Depends, Request
from pydantic import Field
from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class ContributionsSettings(ServiceSettings):
    model_config = SettingsConfigDict(
        env_prefix="INSPRAAK_CONTRIBUTIONS_", extra="ignore", frozen=True
    )

    database_url: str = "sqlite+aiosqlite:///./.stack/data/contributions.db"
    edit_grace_minutes: int = Field(
        default=15,
        ge=0,
        le=24 * 60,
        description="How long authors may edit or delete their own input or comment.",
    )


def request_settings(request: Request) -> ContributionsSettings:
    settings = request.app.state.runtime.settings
    if isinstance(settings, ContributionsSettings):
        return settings
    # Started with the shared base class: keep its values, add this service's defaults.
    return ContributionsSettings.model_validate(settings.model_dump())


Settings = Annotated[ContributionsSettings, Depends(request_settings)]
