"""identity's `user.erased`: the person's follows and access go, decisions lose their name."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.projects import service
from inspraak_shared.events import CloudEvent


async def on_user_erased(session: AsyncSession, event: CloudEvent) -> None:
    await service.forget_person(session, event.tenant, str(event.data["user_id"]))
