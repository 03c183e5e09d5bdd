"""What the gateway service is, for the app factory, the worker and `inspraak`."""

from pathlib import Path

from inspraak_gateway import __version__
from inspraak_gateway.api import routers
from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.handlers import CONSUMERS
from inspraak_shared.service import ServiceManifest

MANIFEST = ServiceManifest(
    name="gateway",
    title="Gateway",
    version=__version__,
    description="The web gateway end users reach: tenant by host, sign-in, public API, pages.",
    settings_factory=GatewaySettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers(),
    consumers=CONSUMERS,
)
