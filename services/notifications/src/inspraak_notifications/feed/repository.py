"""Every query on feed items."""

from datetime import datetime

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.sql import insert


async def add(session: AsyncSession, item: FeedItem) -> bool:
    """False when the person already has this notification (same dedupe key)."""
    statement = insert(session, FeedItem).values(**item.model_dump())
    statement = statement.on_conflict_do_nothing(
        index_elements=["tenant", "user_id", "dedupe_key"]
    ).returning(col(FeedItem.id))
    return (await session.exec(statement)).first() is not None


async def page(
    session: AsyncSession,
    tenant: str,
    user_id: str,
    *,
    limit: int,
    before: datetime | None,
    unread_only: bool,
) -> list[FeedItem]:
    query = select(FeedItem).where(FeedItem.tenant == tenant, FeedItem.user_id == user_id)
    if before is not None:
        query = query.where(FeedItem.created_at < before)
    if unread_only:
        query = query.where(col(FeedItem.read_at).is_(None))
    query = query.order_by(col(FeedItem.created_at).desc(), col(FeedItem.id).desc()).limit(limit)
    return list((await session.exec(query)).all())


async def unread_count(session: AsyncSession, tenant: str, user_id: str) -> int:
    query = select(func.count()).where(
        FeedItem.tenant == tenant, FeedItem.user_id == user_id, col(FeedItem.read_at).is_(None)
    )
    return int((await session.exec(query)).one())


async def item(session: AsyncSession, tenant: str, user_id: str, item_id: str) -> FeedItem | None:
    query = select(FeedItem).where(
        FeedItem.tenant == tenant, FeedItem.user_id == user_id, FeedItem.id == item_id
    )
    return (await session.exec(query)).first()


async def mark_read(
    session: AsyncSession, tenant: str, user_id: str, item_id: str, at: datetime
) -> None:
    await session.exec(
        update(FeedItem)
        .where(
            col(FeedItem.tenant) == tenant,
            col(FeedItem.user_id) == user_id,
            col(FeedItem.id) == item_id,
            col(FeedItem.read_at).is_(None),
        )
        .values(read_at=at)
    )


async def mark_all_read(session: AsyncSession, tenant: str, user_id: str, at: datetime) -> int:
    result = await session.exec(
        update(FeedItem)
        .where(
            col(FeedItem.tenant) == tenant,
            col(FeedItem.user_id) == user_id,
            col(FeedItem.read_at).is_(None),
        )
        .values(read_at=at)
    )
    return int(result.rowcount or 0)


async def delete_for(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(FeedItem).where(col(FeedItem.tenant) == tenant, col(FeedItem.user_id) == user_id)
    )


async def about(session: AsyncSession, tenant: str, actor_user_id: str) -> list[FeedItem]:
    query = select(FeedItem).where(
        FeedItem.tenant == tenant, FeedItem.actor_user_id == actor_user_id
    )
    return list((await session.exec(query)).all())
