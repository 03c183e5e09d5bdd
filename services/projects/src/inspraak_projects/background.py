"""Loops the projects worker runs beside the shared relay and consumers: the phase scheduler."""

from inspraak_projects.config import ProjectsSettings
from inspraak_projects.phases.tasks import PhaseScheduler
from inspraak_shared.service import ServiceRuntime


async def run_phase_scheduler(runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    interval = (
        settings.scheduler_interval_seconds if isinstance(settings, ProjectsSettings) else 5.0
    )
    await PhaseScheduler(runtime.session_factory, interval_seconds=interval).run(runtime.stop)
