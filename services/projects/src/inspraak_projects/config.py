"""Settings of the projects service: environment variables prefixed INSPRAAK_PROJECTS_."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import ServiceSettings


class ProjectsSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_PROJECTS_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/projects.db"
    scheduler_interval_seconds: float = Field(
        default=5.0, gt=0, le=300, description="How often due phase starts and ends are checked"
    )
