from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.models import metadata

from inspraak_shared.migrations import run_migrations

run_migrations(metadata, default_url=lambda: NotificationsSettings().database_url)
