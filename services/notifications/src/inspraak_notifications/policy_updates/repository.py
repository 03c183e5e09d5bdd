"""Every query on policy-maker updates and their settings."""

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.policy_updates.models import PolicyUpdate, PolicyUpdateSettings
from inspraak_notifications.sql import insert


async def settings(session: AsyncSession, tenant: str) -> PolicyUpdateSettings | None:
    return await session.get(PolicyUpdateSettings, tenant)


async def save_settings(session: AsyncSession, row: PolicyUpdateSettings) -> None:
    values = row.model_dump()
    statement = insert(session, PolicyUpdateSettings).values(**values)
    await session.exec(
        statement.on_conflict_do_update(
            index_elements=["tenant"],
            set_={k: statement.excluded[k] for k in values if k != "tenant"},
        )
    )


async def create_draft(session: AsyncSession, draft: PolicyUpdate) -> bool:
    """False when this period's update exists: preparing is idempotent across replicas."""
    statement = insert(session, PolicyUpdate).values(**draft.model_dump())
    statement = statement.on_conflict_do_nothing(
        index_elements=["tenant", "period_index"]
    ).returning(col(PolicyUpdate.id))
    return (await session.exec(statement)).first() is not None


async def get(session: AsyncSession, tenant: str, update_id: str) -> PolicyUpdate | None:
    query = select(PolicyUpdate).where(PolicyUpdate.tenant == tenant, PolicyUpdate.id == update_id)
    return (await session.exec(query)).first()


async def listing(session: AsyncSession, tenant: str, *, sent_only: bool) -> list[PolicyUpdate]:
    query = select(PolicyUpdate).where(PolicyUpdate.tenant == tenant)
    if sent_only:
        query = query.where(PolicyUpdate.status == "sent")
    return list((await session.exec(query.order_by(col(PolicyUpdate.period_index).desc()))).all())


async def count_sent(session: AsyncSession, tenant: str) -> int:
    query = select(func.count()).where(PolicyUpdate.tenant == tenant, PolicyUpdate.status == "sent")
    return int((await session.exec(query)).one())


async def drafts(session: AsyncSession, tenant: str) -> list[PolicyUpdate]:
    query = select(PolicyUpdate).where(
        PolicyUpdate.tenant == tenant, PolicyUpdate.status == "draft"
    )
    return list((await session.exec(query)).all())


async def discard_drafts(session: AsyncSession, tenant: str, update_id: str | None = None) -> None:
    """Delete unsent drafts (all, or one); a sent update is never touched."""
    statement = delete(PolicyUpdate).where(
        col(PolicyUpdate.tenant) == tenant, col(PolicyUpdate.status) == "draft"
    )
    if update_id is not None:
        statement = statement.where(col(PolicyUpdate.id) == update_id)
    await session.exec(statement)


async def exists(session: AsyncSession, tenant: str, period_index: int) -> bool:
    query = select(PolicyUpdate.id).where(
        PolicyUpdate.tenant == tenant, PolicyUpdate.period_index == period_index
    )
    return (await session.exec(query)).first() is not None


async def due_drafts(session: AsyncSession, tenant: str, now: datetime) -> list[str]:
    query = select(PolicyUpdate.id).where(
        PolicyUpdate.tenant == tenant,
        PolicyUpdate.status == "draft",
        col(PolicyUpdate.auto_send_at).is_not(None),
        col(PolicyUpdate.auto_send_at) <= now,
    )
    return list((await session.exec(query)).all())


async def mark_sent(
    session: AsyncSession, tenant: str, update_id: str, values: dict[str, Any]
) -> bool:
    """Draft to sent, once: of two concurrent senders exactly one gets True."""
    result = await session.exec(
        update(PolicyUpdate)
        .where(
            col(PolicyUpdate.tenant) == tenant,
            col(PolicyUpdate.id) == update_id,
            col(PolicyUpdate.status) == "draft",
        )
        .values(status="sent", **values)
    )
    return bool(result.rowcount)


async def set_introduction(
    session: AsyncSession,
    tenant: str,
    update_id: str,
    introduction: str | None,
    sender: tuple[str, str],
) -> bool:
    result = await session.exec(
        update(PolicyUpdate)
        .where(
            col(PolicyUpdate.tenant) == tenant,
            col(PolicyUpdate.id) == update_id,
            col(PolicyUpdate.status) == "draft",
        )
        .values(introduction=introduction, sender_user_id=sender[0], sender_username=sender[1])
    )
    return bool(result.rowcount)


async def forget_sender(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        update(PolicyUpdate)
        .where(col(PolicyUpdate.tenant) == tenant, col(PolicyUpdate.sender_user_id) == user_id)
        .values(sender_user_id=None)
    )
