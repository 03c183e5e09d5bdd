"""Phase queries, including the scheduler's claim of due announcements."""

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import and_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.phases.models import Phase
from inspraak_projects.projects.models import Project, ProjectStatus


async def for_project(session: AsyncSession, project_id: uuid.UUID) -> Sequence[Phase]:
    query = select(Phase).where(Phase.project_id == project_id).order_by(col(Phase.starts_at))
    return (await session.exec(query)).all()


async def for_projects(
    session: AsyncSession, project_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, list[Phase]]:
    ids = list(project_ids)
    result: dict[uuid.UUID, list[Phase]] = {i: [] for i in ids}
    if not ids:
        return result
    query = select(Phase).where(col(Phase.project_id).in_(ids)).order_by(col(Phase.starts_at))
    for phase in (await session.exec(query)).all():
        result[phase.project_id].append(phase)
    return result


async def get(session: AsyncSession, project_id: uuid.UUID, phase_id: uuid.UUID) -> Phase | None:
    query = select(Phase).where(Phase.project_id == project_id, Phase.id == phase_id)
    return (await session.exec(query)).first()


async def get_in_tenant(session: AsyncSession, tenant: str, phase_id: uuid.UUID) -> Phase | None:
    query = select(Phase).where(Phase.tenant == tenant, Phase.id == phase_id).with_for_update()
    return (await session.exec(query)).first()


async def overlapping(
    session: AsyncSession,
    project_id: uuid.UUID,
    starts_at: datetime,
    ends_at: datetime,
    exclude: uuid.UUID | None = None,
) -> Phase | None:
    query = select(Phase).where(
        Phase.project_id == project_id, Phase.starts_at < ends_at, Phase.ends_at > starts_at
    )
    if exclude is not None:
        query = query.where(Phase.id != exclude)
    return (await session.exec(query)).first()


def add(session: AsyncSession, phase: Phase) -> None:
    session.add(phase)


async def delete(session: AsyncSession, phase: Phase) -> None:
    await session.delete(phase)


async def claim_due(
    session: AsyncSession, moment: str, now: datetime, limit: int
) -> Sequence[tuple[uuid.UUID, uuid.UUID]]:
    """Mark due starts (or ends) of phases of published projects as announced.

    One UPDATE ... RETURNING: a row is claimed by exactly one transaction, so two
    schedulers (or one restarted mid-way) never announce the same moment twice.
    """
    at_column = Phase.starts_at if moment == "start" else Phase.ends_at
    flag = Phase.started_announced_at if moment == "start" else Phase.ended_announced_at
    due = (
        select(Phase.id)
        .join(Project, and_(col(Project.id) == col(Phase.project_id)))
        .where(
            col(flag).is_(None),
            col(at_column) <= now,
            col(Project.status) == ProjectStatus.PUBLISHED,
        )
        .order_by(col(at_column))
        .limit(limit)
        .with_for_update(skip_locked=True, of=Phase)  # type: ignore[arg-type]
    )
    if moment == "end":
        # A phase announces its start before its end, even when both are overdue.
        due = due.where(col(Phase.started_announced_at).is_not(None))
    statement = (
        update(Phase)
        .where(col(Phase.id).in_(due.scalar_subquery()))
        .values({flag.key: now})  # type: ignore[attr-defined]
        .returning(col(Phase.id), col(Phase.project_id))
    )
    result = await session.exec(statement)  # type: ignore[call-overload]
    return [(row[0], row[1]) for row in result.all()]


async def mark_input(session: AsyncSession, phase: Phase, at: datetime) -> None:
    if phase.input_received_at is None:
        phase.input_received_at = at
        await session.flush()
