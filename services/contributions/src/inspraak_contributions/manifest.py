"""What the contributions service is, for the app factory, the worker and `inspraak`."""

from pathlib import Path

from inspraak_contributions import __version__
from inspraak_contributions.api import routers
from inspraak_contributions.config import ContributionsSettings
from inspraak_contributions.handlers import CONSUMERS
from inspraak_shared.service import ServiceManifest

MANIFEST = ServiceManifest(
    name="contributions",
    title="Contributions",
    version=__version__,
    description="Inputs, comments, reactions, votes, surveys, map input, moderation and results.",
    settings_factory=ContributionsSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers(),
    consumers=CONSUMERS,
)
