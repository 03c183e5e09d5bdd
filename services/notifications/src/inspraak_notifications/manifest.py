"""What the notifications service is, for the app factory, the worker and `inspraak`."""

from pathlib import Path

from inspraak_notifications import __version__
from inspraak_notifications.api import routers
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.handlers import CONSUMERS
from inspraak_shared.service import ServiceManifest

MANIFEST = ServiceManifest(
    name="notifications",
    title="Notifications",
    version=__version__,
    description="E-mail and in-app notifications, digests and the quarterly policy-maker update.",
    settings_factory=NotificationsSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers(),
    consumers=CONSUMERS,
)
