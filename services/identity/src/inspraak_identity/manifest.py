"""What the identity service is, for the app factory, the worker and `inspraak`."""

from pathlib import Path

from inspraak_identity import __version__
from inspraak_identity.api import routers
from inspraak_identity.config import IdentitySettings
from inspraak_identity.handlers import CONSUMERS
from inspraak_identity.invitations.tasks import expire_invitations
from inspraak_identity.tenants.handlers import consume_widget_domains
from inspraak_shared.service import ServiceManifest

MANIFEST = ServiceManifest(
    name="identity",
    title="Identity",
    version=__version__,
    description="Tenants as Keycloak realms, roles, invitations, profiles and privacy.",
    settings_factory=IdentitySettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers(),
    consumers=CONSUMERS,
    background_loops=[expire_invitations, consume_widget_domains],
)
