"""identity's `user.erased`: updates stay (they are the municipality's), without the author."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.updates import service
from inspraak_shared.events import CloudEvent


async def on_user_erased(session: AsyncSession, event: CloudEvent) -> None:
    await service.forget_author(session, event.tenant, str(event.data["user_id"]))
