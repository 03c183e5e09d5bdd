"""Consumes the projects service's project and phase events into the read model."""

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.projects.schemas import ProjectSnapshot
from inspraak_contributions.projects.service import apply_snapshot
from inspraak_shared.events import CloudEvent, ConsumerSpec, stream_name

logger = logging.getLogger("inspraak.contributions.projects")

PROJECTS_CONSUMER = ConsumerSpec(
    durable="contributions-projects",
    stream=stream_name("projects"),
    # Every project.* and phase.* event carries the full project snapshot.
    filter_subjects=["inspraak.*.projects.project.>", "inspraak.*.projects.phase.>"],
)


async def handle_project_event(session: AsyncSession, event: CloudEvent) -> None:
    if "version" not in event.data or "phases" not in event.data:
        # Not a project snapshot (e.g. a bare phase notice): nothing for the read model.
        logger.info("ignored %s without a project snapshot", event.type)
        return
    snapshot = ProjectSnapshot.model_validate(event.data)
    kept = await apply_snapshot(session, event.tenant, snapshot)
    if not kept:
        logger.info(
            "kept a newer snapshot of project %s than version %d (%s)",
            snapshot.project_id,
            snapshot.version,
            event.type,
        )
