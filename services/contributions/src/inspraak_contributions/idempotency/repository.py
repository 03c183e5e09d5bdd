"""All SQL of idempotency keys."""

from typing import Any

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import utcnow
from inspraak_contributions.idempotency.models import IdempotentRequest


async def claim(
    session: AsyncSession, tenant: str, user_id: str, key: str, fingerprint: str
) -> bool:
    """Record the key; False when it is already recorded.

    A concurrent request with the same key waits here until the first one commits or
    rolls back, so exactly one of them does the work.
    """
    statement = (
        insert(IdempotentRequest)
        .values(
            tenant=tenant, user_id=user_id, key=key, fingerprint=fingerprint, created_at=utcnow()
        )
        .on_conflict_do_nothing(index_elements=["tenant", "user_id", "key"])
        .returning(IdempotentRequest.__table__.c.key)  # type: ignore[attr-defined]
    )
    return (await session.exec(statement)).first() is not None


async def get(
    session: AsyncSession, tenant: str, user_id: str, key: str
) -> IdempotentRequest | None:
    return await session.get(IdempotentRequest, (tenant, user_id, key), populate_existing=True)


async def store_response(
    session: AsyncSession, tenant: str, user_id: str, key: str, status: int, body: dict[str, Any]
) -> None:
    await session.exec(
        update(IdempotentRequest)
        .where(
            col(IdempotentRequest.tenant) == tenant,
            col(IdempotentRequest.user_id) == user_id,
            col(IdempotentRequest.key) == key,
        )
        .values(response_status=status, response_body=body)
    )


async def forget_user(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(IdempotentRequest).where(
            col(IdempotentRequest.tenant) == tenant, col(IdempotentRequest.user_id) == user_id
        )
    )
