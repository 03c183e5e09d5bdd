"""Every query on pending digest items and digest runs."""

from datetime import datetime

from sqlalchemy import delete
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.digests.models import DigestRun, PendingDigestItem
from inspraak_notifications.sql import insert


def add_item(session: AsyncSession, item: PendingDigestItem) -> None:
    session.add(item)


async def waiting_people(
    session: AsyncSession, tenant: str, kind: str, before: datetime
) -> list[str]:
    query = (
        select(PendingDigestItem.user_id)
        .where(
            PendingDigestItem.tenant == tenant,
            PendingDigestItem.kind == kind,
            PendingDigestItem.created_at < before,
        )
        .distinct()
    )
    return list((await session.exec(query)).all())


async def take_items(
    session: AsyncSession, tenant: str, user_id: str, kind: str, before: datetime
) -> list[PendingDigestItem]:
    """The person's waiting items, removed in the same transaction as the digest mail."""
    query = (
        select(PendingDigestItem)
        .where(
            PendingDigestItem.tenant == tenant,
            PendingDigestItem.user_id == user_id,
            PendingDigestItem.kind == kind,
            PendingDigestItem.created_at < before,
        )
        .order_by(col(PendingDigestItem.created_at), col(PendingDigestItem.id))
        .with_for_update()
    )
    items = list((await session.exec(query)).all())
    if items:
        await session.exec(
            delete(PendingDigestItem).where(col(PendingDigestItem.id).in_([i.id for i in items]))
        )
    return items


async def start_run(
    session: AsyncSession, tenant: str, user_id: str, kind: str, period_key: str, at: datetime
) -> bool:
    """True for the one caller that starts this digest; every other gets False."""
    statement = insert(session, DigestRun).values(
        tenant=tenant, user_id=user_id, kind=kind, period_key=period_key, created_at=at
    )
    statement = statement.on_conflict_do_nothing(
        index_elements=["tenant", "user_id", "kind", "period_key"]
    ).returning(col(DigestRun.user_id))
    return (await session.exec(statement)).first() is not None


async def delete_for(session: AsyncSession, tenant: str, user_id: str) -> None:
    for table in (PendingDigestItem, DigestRun):
        await session.exec(
            delete(table).where(col(table.tenant) == tenant, col(table.user_id) == user_id)
        )


async def about(session: AsyncSession, tenant: str, actor_user_id: str) -> list[PendingDigestItem]:
    query = select(PendingDigestItem).where(
        PendingDigestItem.tenant == tenant, PendingDigestItem.actor_user_id == actor_user_id
    )
    return list((await session.exec(query)).all())
