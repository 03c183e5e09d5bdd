"""Every query on notification preferences."""

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.preferences.models import NotificationPreference
from inspraak_notifications.sql import insert


async def preference(
    session: AsyncSession, tenant: str, user_id: str, kind: str
) -> NotificationPreference | None:
    return await session.get(NotificationPreference, (tenant, user_id, kind))


async def preferences(
    session: AsyncSession, tenant: str, user_id: str
) -> list[NotificationPreference]:
    query = select(NotificationPreference).where(
        NotificationPreference.tenant == tenant, NotificationPreference.user_id == user_id
    )
    return list((await session.exec(query)).all())


async def save(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    kind: str,
    email: bool | None,
    daily_digest: bool | None,
    at: datetime,
) -> None:
    """Set what is given, keep the rest: one statement, so two clicks cannot undo each other."""
    values = {"tenant": tenant, "user_id": user_id, "kind": kind, "updated_at": at}
    values["email"] = True if email is None else email
    values["daily_digest"] = False if daily_digest is None else daily_digest
    statement = insert(session, NotificationPreference).values(**values)
    changes = {"updated_at": statement.excluded.updated_at}
    if email is not None:
        changes["email"] = statement.excluded.email
    if daily_digest is not None:
        changes["daily_digest"] = statement.excluded.daily_digest
    await session.exec(
        statement.on_conflict_do_update(index_elements=["tenant", "user_id", "kind"], set_=changes)
    )


async def delete_for(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(NotificationPreference).where(
            col(NotificationPreference.tenant) == tenant,
            col(NotificationPreference.user_id) == user_id,
        )
    )
