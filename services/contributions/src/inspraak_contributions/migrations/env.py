from inspraak_contributions.config import ContributionsSettings
from inspraak_contributions.models import metadata

from inspraak_shared.migrations import run_migrations

run_migrations(metadata, default_url=lambda: ContributionsSettings().database_url)
