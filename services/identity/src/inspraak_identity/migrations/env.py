from inspraak_identity.config import IdentitySettings
from inspraak_identity.models import metadata

from inspraak_shared.migrations import run_migrations

run_migrations(metadata, default_url=lambda: IdentitySettings().database_url)
