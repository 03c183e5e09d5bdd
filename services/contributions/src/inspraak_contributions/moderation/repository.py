"""All SQL of reports and moderation actions."""

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import new_id, utcnow
from inspraak_contributions.moderation.models import ModerationAction, Report


async def add_report(
    session: AsyncSession,
    *,
    tenant: str,
    project_id: str,
    item_type: str,
    item_id: str,
    reporter_user_id: str,
    reason: str,
    note: str | None,
) -> Report | None:
    """The new report, or None when this person already reported the item."""
    table = Report.__table__  # type: ignore[attr-defined]
    statement = (
        insert(table)
        .values(
            report_id=new_id(),
            tenant=tenant,
            project_id=project_id,
            item_type=item_type,
            item_id=item_id,
            reporter_user_id=reporter_user_id,
            reason=reason,
            note=note,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(constraint="uq_report_once")
        .returning(table.c.report_id)
    )
    report_id = (await session.exec(statement)).scalar_one_or_none()
    return None if report_id is None else await session.get(Report, report_id)


async def open_reports(session: AsyncSession, tenant: str, project_id: str) -> list[Report]:
    query = select(Report).where(
        col(Report.tenant) == tenant,
        col(Report.project_id) == project_id,
        col(Report.resolved_at).is_(None),
    )
    return list((await session.exec(query.order_by(col(Report.created_at)))).all())


async def resolve(
    session: AsyncSession, tenant: str, item_type: str, item_id: str, resolution: str
) -> int:
    result = await session.exec(
        update(Report)
        .where(
            col(Report.tenant) == tenant,
            col(Report.item_type) == item_type,
            col(Report.item_id) == item_id,
            col(Report.resolved_at).is_(None),
        )
        .values(resolved_at=utcnow(), resolution=resolution)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def count_open(session: AsyncSession, tenant: str, item_type: str, item_id: str) -> int:
    query = select(func.count()).where(
        col(Report.tenant) == tenant,
        col(Report.item_type) == item_type,
        col(Report.item_id) == item_id,
        col(Report.resolved_at).is_(None),
    )
    return int((await session.exec(query)).one())


async def log_action(session: AsyncSession, action: ModerationAction) -> None:
    session.add(action)
    await session.flush()


async def actions_for(
    session: AsyncSession, tenant: str, project_id: str
) -> list[ModerationAction]:
    query = select(ModerationAction).where(
        col(ModerationAction.tenant) == tenant, col(ModerationAction.project_id) == project_id
    )
    return list((await session.exec(query.order_by(col(ModerationAction.created_at)))).all())


async def unlink_user(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        update(Report)
        .where(col(Report.tenant) == tenant, col(Report.reporter_user_id) == user_id)
        .values(reporter_user_id=None)
    )
    await session.exec(
        update(ModerationAction)
        .where(
            col(ModerationAction.tenant) == tenant, col(ModerationAction.actor_user_id) == user_id
        )
        .values(actor_user_id=None, actor_username=None)
    )
