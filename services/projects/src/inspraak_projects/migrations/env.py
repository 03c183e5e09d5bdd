from inspraak_projects.config import ProjectsSettings
from inspraak_projects.models import metadata

from inspraak_shared.migrations import run_migrations

run_migrations(metadata, default_url=lambda: ProjectsSettings().database_url)
