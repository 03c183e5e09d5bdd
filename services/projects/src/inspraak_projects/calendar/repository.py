"""Content calendar queries."""

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.calendar.models import CalendarFeed, EvaluationMoment


def add(session: AsyncSession, row: EvaluationMoment | CalendarFeed) -> None:
    session.add(row)


async def evaluations(
    session: AsyncSession,
    tenant: str,
    *,
    department_ids: set[uuid.UUID] | None,
    project_ids: set[uuid.UUID],
) -> Sequence[EvaluationMoment]:
    """Evaluation moments: all of the tenant (department_ids None), or the tenant-wide ones
    plus those of the given departments and projects."""
    query = select(EvaluationMoment).where(EvaluationMoment.tenant == tenant)
    if department_ids is not None:
        query = query.where(
            or_(
                col(EvaluationMoment.department_id).in_(department_ids),
                col(EvaluationMoment.project_id).in_(project_ids),
                (col(EvaluationMoment.department_id).is_(None))
                & (col(EvaluationMoment.project_id).is_(None)),
            )
        )
    return (await session.exec(query.order_by(col(EvaluationMoment.planned_for)))).all()


async def get_evaluation(
    session: AsyncSession, tenant: str, evaluation_id: uuid.UUID
) -> EvaluationMoment | None:
    query = select(EvaluationMoment).where(
        EvaluationMoment.tenant == tenant, EvaluationMoment.id == evaluation_id
    )
    return (await session.exec(query)).first()


async def delete_row(session: AsyncSession, row: EvaluationMoment | CalendarFeed) -> None:
    await session.delete(row)


async def feeds_of(session: AsyncSession, tenant: str, user_id: str) -> Sequence[CalendarFeed]:
    query = select(CalendarFeed).where(
        CalendarFeed.tenant == tenant, CalendarFeed.user_id == user_id
    )
    return (await session.exec(query.order_by(col(CalendarFeed.created_at)))).all()


async def feed(session: AsyncSession, tenant: str, feed_id: uuid.UUID) -> CalendarFeed | None:
    query = select(CalendarFeed).where(CalendarFeed.tenant == tenant, CalendarFeed.id == feed_id)
    return (await session.exec(query)).first()


async def feed_by_hash(session: AsyncSession, tenant: str, token_hash: str) -> CalendarFeed | None:
    query = select(CalendarFeed).where(
        CalendarFeed.tenant == tenant, CalendarFeed.token_hash == token_hash
    )
    return (await session.exec(query)).first()


async def forget_person(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(CalendarFeed).where(  # type: ignore[call-overload]
            col(CalendarFeed.tenant) == tenant, col(CalendarFeed.user_id) == user_id
        )
    )
    await session.exec(
        update(EvaluationMoment)  # type: ignore[call-overload]
        .where(
            col(EvaluationMoment.tenant) == tenant,
            col(EvaluationMoment.created_by_user_id) == user_id,
        )
        .values(created_by_user_id=None)
    )
