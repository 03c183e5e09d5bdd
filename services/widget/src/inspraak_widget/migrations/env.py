from inspraak_widget.config import WidgetSettings
from inspraak_widget.models import metadata

from inspraak_shared.migrations import run_migrations

run_migrations(metadata, default_url=lambda: WidgetSettings().database_url)
