"""contributions' events: the first input in a phase fixes its participation method."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.phases import service
from inspraak_shared.events import CloudEvent


async def on_contribution(session: AsyncSession, event: CloudEvent) -> None:
    # Any contribution event that names a phase (input, vote, survey answer, ...) counts.
    phase_id = event.data.get("phase_id")
    if phase_id:
        await service.record_input(session, event.tenant, str(phase_id), event.time)
