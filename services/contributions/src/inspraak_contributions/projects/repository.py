"""All SQL of the project read model."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.projects.models import Phase, Project


async def store_if_newer(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Insert or replace the project row unless a snapshot of the same or a newer version is kept.

    One statement, so two deliveries racing each other cannot roll the model back.
    """
    table = Project.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(**values)
    updates = {k: statement.excluded[k] for k in values if k not in ("tenant", "project_id")}
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "project_id"],
        set_=updates,
        where=table.c.version < statement.excluded.version,
    ).returning(table.c.project_id)
    result = await session.exec(statement)
    return result.first() is not None


async def replace_phases(
    session: AsyncSession, tenant: str, project_id: str, phases: Sequence[Phase]
) -> None:
    await session.exec(
        delete(Phase).where(col(Phase.tenant) == tenant, col(Phase.project_id) == project_id)
    )
    session.add_all(phases)
    await session.flush()


async def get_project(session: AsyncSession, tenant: str, project_id: str) -> Project | None:
    return await session.get(Project, (tenant, project_id))


async def get_phase(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> Phase | None:
    return await session.get(Phase, (tenant, project_id, phase_id))


async def list_phases(session: AsyncSession, tenant: str, project_id: str) -> list[Phase]:
    query = (
        select(Phase)
        .where(col(Phase.tenant) == tenant, col(Phase.project_id) == project_id)
        .order_by(col(Phase.position))
    )
    return list((await session.exec(query)).all())
