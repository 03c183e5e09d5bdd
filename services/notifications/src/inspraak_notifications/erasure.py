"""`identity.user.erased` and `identity.tenant.deleted`: forgetting people and tenants."""

from sqlalchemy import delete
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.activity import service as activity
from inspraak_notifications.digests import service as digests
from inspraak_notifications.directory import repository as directory
from inspraak_notifications.event_data import text
from inspraak_notifications.feed import service as feed
from inspraak_notifications.mail import service as mail
from inspraak_notifications.policy_updates import service as policy_updates
from inspraak_notifications.preferences import service as preferences
from inspraak_notifications.projects import service as projects
from inspraak_shared.events import CloudEvent


async def on_user_erased(session: AsyncSession, event: CloudEvent) -> None:
    """Delete what is about the person; in others' notifications, drop their username."""
    user_id = text(event.data, "user_id")
    if user_id is None:
        return
    tenant = event.tenant
    person = await directory.person(session, tenant, user_id)
    email = person.email if person else None
    await feed.erase(session, tenant, user_id)
    await preferences.erase(session, tenant, user_id)
    await digests.erase(session, tenant, user_id)
    await mail.erase(session, tenant, user_id, email)
    await projects.forget_user(session, tenant, user_id)
    await activity.erase(session, tenant, user_id)
    await policy_updates.forget_sender(session, tenant, user_id)
    await directory.delete_person(session, tenant, user_id)


async def on_tenant_deleted(session: AsyncSession, event: CloudEvent) -> None:
    """Every row of the municipality goes, in every table that carries its tenant."""
    for table in SQLModel.metadata.sorted_tables:
        column = table.c.get("tenant")
        if column is None and table.name == "tenant":
            column = table.c.slug
        if column is not None:
            await session.exec(delete(table).where(column == event.tenant))
