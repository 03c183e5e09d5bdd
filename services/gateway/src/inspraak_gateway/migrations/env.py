from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.models import metadata

from inspraak_shared.migrations import run_migrations

run_migrations(metadata, default_url=lambda: GatewaySettings().database_url)
