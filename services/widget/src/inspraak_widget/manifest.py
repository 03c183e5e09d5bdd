"""What the widget service is, for the app factory, the worker and `inspraak`."""

from pathlib import Path

from inspraak_shared.service import ServiceManifest
from inspraak_widget import __version__
from inspraak_widget.api import routers
from inspraak_widget.config import WidgetSettings
from inspraak_widget.handlers import CONSUMERS

MANIFEST = ServiceManifest(
    name="widget",
    title="Widget",
    version=__version__,
    description="Embeddable widgets, custom domains and redirects for the municipal website.",
    settings_factory=WidgetSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers(),
    consumers=CONSUMERS,
)
