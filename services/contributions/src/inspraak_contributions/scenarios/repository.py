"""All SQL of scenario rankings."""

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import new_id, utcnow
from inspraak_contributions.scenarios.models import ScenarioRanking


async def upsert(
    session: AsyncSession,
    *,
    tenant: str,
    project_id: str,
    phase_id: str,
    user_id: str,
    ranking: list[str],
) -> None:
    now = utcnow()
    statement = insert(ScenarioRanking).values(
        ranking_id=new_id(),
        tenant=tenant,
        project_id=project_id,
        phase_id=phase_id,
        user_id=user_id,
        ranking=ranking,
        created_at=now,
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        constraint="uq_scenario_ranking_once",
        set_={"ranking": statement.excluded.ranking, "updated_at": statement.excluded.updated_at},
    )
    await session.exec(statement)


async def find(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str, user_id: str
) -> ScenarioRanking | None:
    query = (
        select(ScenarioRanking)
        .where(
            col(ScenarioRanking.tenant) == tenant,
            col(ScenarioRanking.project_id) == project_id,
            col(ScenarioRanking.phase_id) == phase_id,
            col(ScenarioRanking.user_id) == user_id,
        )
        .execution_options(populate_existing=True)
    )
    return (await session.exec(query)).first()


async def all_for_phase(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> list[list[str]]:
    query = select(col(ScenarioRanking.ranking)).where(
        col(ScenarioRanking.tenant) == tenant,
        col(ScenarioRanking.project_id) == project_id,
        col(ScenarioRanking.phase_id) == phase_id,
    )
    return [list(r) for r in (await session.exec(query)).all()]


async def rankings_for_export(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> list[ScenarioRanking]:
    """A phase's rankings in the order they were first made (a stable participant number)."""
    query = (
        select(ScenarioRanking)
        .where(
            col(ScenarioRanking.tenant) == tenant,
            col(ScenarioRanking.project_id) == project_id,
            col(ScenarioRanking.phase_id) == phase_id,
        )
        .order_by(col(ScenarioRanking.created_at), col(ScenarioRanking.ranking_id))
    )
    return list((await session.exec(query)).all())


async def count(session: AsyncSession, tenant: str, project_id: str, phase_id: str) -> int:
    query = select(func.count()).where(
        col(ScenarioRanking.tenant) == tenant,
        col(ScenarioRanking.project_id) == project_id,
        col(ScenarioRanking.phase_id) == phase_id,
    )
    return int((await session.exec(query)).one())


async def contributors_by_day(
    session: AsyncSession, tenant: str, project_id: str
) -> list[tuple[str, str | None]]:
    day = func.to_char(func.timezone("UTC", col(ScenarioRanking.created_at)), "YYYY-MM-DD")
    query = select(day, col(ScenarioRanking.user_id)).where(
        col(ScenarioRanking.tenant) == tenant, col(ScenarioRanking.project_id) == project_id
    )
    return [(d, u) for d, u in (await session.exec(query)).all()]


async def unlink_user(session: AsyncSession, tenant: str, user_id: str, stand_in: str) -> None:
    await session.exec(
        update(ScenarioRanking)
        .where(col(ScenarioRanking.tenant) == tenant, col(ScenarioRanking.user_id) == user_id)
        .values(user_id=stand_in)
    )
