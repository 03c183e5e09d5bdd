"""Queueing mail (one row per message, de-duplicated) and the superadmin's outbox view."""

from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.kinds import NotificationType
from inspraak_notifications.mail import repository
from inspraak_notifications.mail.models import PENDING, MailMessage, MailStatus
from inspraak_notifications.mail.schemas import MailPage, MailRead, SuppressedAddressRead
from inspraak_notifications.privacy import scrub_names
from inspraak_shared.problems import NotFound


async def enqueue(
    session: AsyncSession,
    *,
    tenant: str,
    kind: NotificationType,
    dedupe_key: str,
    params: dict[str, Any],
    at: datetime,
    user_id: str | None = None,
    to_address: str | None = None,
    language: str | None = None,
    actor_user_id: str | None = None,
) -> bool:
    """Record a mail to send; False when it was recorded before (same dedupe key)."""
    return await repository.add(
        session,
        MailMessage(
            tenant=tenant,
            kind=kind,
            user_id=user_id,
            to_address=to_address.lower() if to_address else None,
            language=language,
            params=params,
            actor_user_id=actor_user_id,
            dedupe_key=dedupe_key[:255],
            created_at=at,
        ),
    )


def _read(row: MailMessage) -> MailRead:
    return MailRead(
        id=row.id,
        kind=row.kind,
        recipient_address=row.to_address,
        recipient_user_id=row.user_id,
        status=MailStatus(row.status),
        attempts=row.attempts,
        created_at=row.created_at,
        next_attempt_at=row.next_attempt_at,
        sent_at=row.sent_at,
        last_error=row.last_error,
    )


async def outbox(
    session: AsyncSession, tenant: str, *, status: MailStatus | None, limit: int, offset: int
) -> MailPage:
    rows, total = await repository.outbox(
        session, tenant, status=status, limit=limit, offset=offset
    )
    return MailPage(items=[_read(row) for row in rows], total=total)


async def suppressed(session: AsyncSession, tenant: str) -> list[SuppressedAddressRead]:
    return [
        SuppressedAddressRead(
            address=row.address, reason=row.reason, suppressed_at=row.suppressed_at
        )
        for row in await repository.suppressed_addresses(session, tenant)
    ]


async def release(session: AsyncSession, tenant: str, address: str) -> None:
    if not await repository.release(session, tenant, address):
        raise NotFound("This address is not suppressed.", slug="address-not-suppressed")


async def erase(session: AsyncSession, tenant: str, user_id: str, email: str | None) -> None:
    """Unsent mail to the person is cancelled; the log keeps only kind, status and dates."""
    for row in await repository.of_person(session, tenant, user_id, email):
        if row.status in PENDING:
            row.status = MailStatus.CANCELLED
            row.last_error = "recipient erased"
        row.user_id, row.to_address, row.params = None, None, {}
        session.add(row)
    for row in await repository.about(session, tenant, user_id):
        row.params, row.actor_user_id = scrub_names(row.params), None
        session.add(row)
    if email:
        await repository.forget_addresses(session, tenant, [email])
