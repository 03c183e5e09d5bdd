"""identity's `user.erased`: the person's calendar links go; planned moments stay, unsigned."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.calendar import service
from inspraak_shared.events import CloudEvent


async def on_user_erased(session: AsyncSession, event: CloudEvent) -> None:
    await service.forget_person(session, event.tenant, str(event.data["user_id"]))
