"""Every query on sessions and sign-ins in progress."""

from datetime import datetime

from sqlmodel import col, delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_gateway.sessions.models import LoginAttempt, WebSession


async def add(session: AsyncSession, row: WebSession | LoginAttempt) -> None:
    session.add(row)
    await session.flush()


async def take_attempt(session: AsyncSession, attempt_id: str, tenant: str) -> LoginAttempt | None:
    """The attempt, removed in the same go: a `state` can complete one sign-in only."""
    row = (
        await session.exec(
            select(LoginAttempt)
            .where(LoginAttempt.id == attempt_id, LoginAttempt.tenant == tenant)
            .with_for_update()
        )
    ).first()
    if row is not None:
        await session.delete(row)
        await session.flush()
    return row


async def get_session(
    session: AsyncSession, session_id: str, tenant: str, *, lock: bool = False
) -> WebSession | None:
    query = select(WebSession).where(WebSession.id == session_id, WebSession.tenant == tenant)
    if lock:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def delete_session(session: AsyncSession, row: WebSession) -> None:
    await session.delete(row)
    await session.flush()


async def delete_expired(session: AsyncSession, now: datetime, attempts_before: datetime) -> None:
    await session.exec(delete(WebSession).where(col(WebSession.expires_at) < now))  # type: ignore[call-overload]
    await session.exec(
        delete(LoginAttempt).where(col(LoginAttempt.created_at) < attempts_before)  # type: ignore[call-overload]
    )
    await session.flush()
