"""Every query on the mail outbox and the suppressed addresses."""

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.mail.models import (
    PENDING,
    MailMessage,
    MailStatus,
    SuppressedAddress,
)
from inspraak_notifications.sql import insert


async def add(session: AsyncSession, message: MailMessage) -> bool:
    """False when a mail with this dedupe key exists: a redelivered event sends nothing new."""
    statement = insert(session, MailMessage).values(**message.model_dump())
    statement = statement.on_conflict_do_nothing(index_elements=["tenant", "dedupe_key"]).returning(
        col(MailMessage.id)
    )
    return (await session.exec(statement)).first() is not None


async def claim_due(
    session: AsyncSession, now: datetime, *, limit: int, lease: timedelta, token: str
) -> list[MailMessage]:
    """Take due rows for sending: marked `sending` with our token before any SMTP call.

    Rows another replica holds are skipped; a `sending` row whose lease was not renewed
    for the whole lease belongs to a process that died mid-send and is taken again.
    """
    due = (
        select(MailMessage.id)
        .where(
            or_(
                col(MailMessage.status).in_(PENDING)
                & or_(
                    col(MailMessage.next_attempt_at).is_(None),
                    col(MailMessage.next_attempt_at) <= now,
                ),
                (col(MailMessage.status) == MailStatus.SENDING)
                & (col(MailMessage.sending_started_at) < now - lease),
            )
        )
        .order_by(col(MailMessage.created_at))
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list((await session.exec(due)).all())
    if not ids:
        return []
    await session.exec(
        update(MailMessage)
        .where(col(MailMessage.id).in_(ids))
        .values(
            status=MailStatus.SENDING,
            attempts=MailMessage.attempts + 1,
            sending_started_at=now,
            claim_token=token,
        )
    )
    query = (
        select(MailMessage)
        .where(col(MailMessage.id).in_(ids))
        .order_by(col(MailMessage.created_at))
    )
    return list((await session.exec(query.execution_options(populate_existing=True))).all())


async def renew(session: AsyncSession, token: str, now: datetime) -> int:
    """Extend the lease of the rows this round still holds; 0 when none is ours any more."""
    result = await session.exec(
        update(MailMessage)
        .where(
            col(MailMessage.claim_token) == token,
            col(MailMessage.status) == MailStatus.SENDING,
        )
        .values(sending_started_at=now)
    )
    return int(result.rowcount)


async def claimed(session: AsyncSession, mail_id: str, token: str) -> MailMessage | None:
    """The row, locked, if this round's claim still holds it (not taken over after a lapse)."""
    query = (
        select(MailMessage)
        .where(
            col(MailMessage.id) == mail_id,
            col(MailMessage.claim_token) == token,
            col(MailMessage.status) == MailStatus.SENDING,
        )
        .with_for_update()
    )
    return (await session.exec(query.execution_options(populate_existing=True))).first()


async def message(session: AsyncSession, mail_id: str) -> MailMessage | None:
    return await session.get(MailMessage, mail_id)


async def outbox(
    session: AsyncSession, tenant: str, *, status: str | None, limit: int, offset: int
) -> tuple[list[MailMessage], int]:
    query = select(MailMessage).where(MailMessage.tenant == tenant)
    count = select(func.count()).where(MailMessage.tenant == tenant)
    if status is not None:
        query = query.where(MailMessage.status == status)
        count = count.where(MailMessage.status == status)
    query = (
        query.order_by(col(MailMessage.created_at).desc(), col(MailMessage.id))
        .offset(offset)
        .limit(limit)
    )
    return list((await session.exec(query)).all()), int((await session.exec(count)).one())


async def suppressed(session: AsyncSession, tenant: str, address: str) -> SuppressedAddress | None:
    return await session.get(SuppressedAddress, (tenant, address.lower()))


async def suppress(session: AsyncSession, entry: SuppressedAddress) -> None:
    statement = insert(session, SuppressedAddress).values(**entry.model_dump())
    await session.exec(statement.on_conflict_do_nothing(index_elements=["tenant", "address"]))


async def suppressed_addresses(session: AsyncSession, tenant: str) -> list[SuppressedAddress]:
    query = select(SuppressedAddress).where(SuppressedAddress.tenant == tenant)
    return list(
        (await session.exec(query.order_by(col(SuppressedAddress.suppressed_at).desc()))).all()
    )


async def release(session: AsyncSession, tenant: str, address: str) -> bool:
    result = await session.exec(
        delete(SuppressedAddress).where(
            col(SuppressedAddress.tenant) == tenant,
            col(SuppressedAddress.address) == address.lower(),
        )
    )
    return bool(result.rowcount)


async def of_person(
    session: AsyncSession, tenant: str, user_id: str, email: str | None
) -> list[MailMessage]:
    """Mail to the person: by account, or by address (an invitation before registering)."""
    recipient = col(MailMessage.user_id) == user_id
    if email:
        recipient = or_(recipient, col(MailMessage.to_address) == email.lower())
    query = select(MailMessage).where(MailMessage.tenant == tenant, recipient)
    return list((await session.exec(query)).all())


async def about(session: AsyncSession, tenant: str, actor_user_id: str) -> list[MailMessage]:
    query = select(MailMessage).where(
        MailMessage.tenant == tenant, MailMessage.actor_user_id == actor_user_id
    )
    return list((await session.exec(query)).all())


async def forget_addresses(session: AsyncSession, tenant: str, addresses: Sequence[str]) -> None:
    if addresses:
        await session.exec(
            delete(SuppressedAddress).where(
                col(SuppressedAddress.tenant) == tenant,
                col(SuppressedAddress.address).in_([a.lower() for a in addresses]),
            )
        )
