"""What the projects service is, for the app factory, the worker and `inspraak`."""

from pathlib import Path

from inspraak_projects import __version__
from inspraak_projects.api import routers
from inspraak_projects.background import run_phase_scheduler
from inspraak_projects.config import ProjectsSettings
from inspraak_projects.handlers import CONSUMERS
from inspraak_shared.service import ServiceManifest

MANIFEST = ServiceManifest(
    name="projects",
    title="Projects",
    version=__version__,
    description="Departments, project pages, phases and participation methods, moderators.",
    settings_factory=ProjectsSettings,
    migrations_dir=Path(__file__).parent / "migrations",
    routers=routers(),
    consumers=CONSUMERS,
    background_loops=[run_phase_scheduler],
)
