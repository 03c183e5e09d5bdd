"""Queries on the project -> department read model."""

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.projects.models import KnownDepartment, ProjectDepartment


async def get(session: AsyncSession, tenant: str, project_id: str) -> ProjectDepartment | None:
    return await session.get(ProjectDepartment, (tenant, project_id))


async def department_of(session: AsyncSession, tenant: str, project_id: str) -> str | None:
    row = await get(session, tenant, project_id)
    return None if row is None or row.deleted else row.department_id


async def projects_in(session: AsyncSession, tenant: str, departments: Iterable[str]) -> list[str]:
    query = select(ProjectDepartment.project_id).where(
        col(ProjectDepartment.tenant) == tenant,
        col(ProjectDepartment.department_id).in_(list(departments)),
        col(ProjectDepartment.deleted).is_(False),
    )
    return list((await session.exec(query)).all())


async def project_exists(session: AsyncSession, tenant: str, project_id: str) -> bool:
    row = await get(session, tenant, project_id)
    return row is not None and not row.deleted


async def get_department(
    session: AsyncSession, tenant: str, department_id: str
) -> KnownDepartment | None:
    return await session.get(KnownDepartment, (tenant, department_id))


async def department_exists(session: AsyncSession, tenant: str, department_id: str) -> bool:
    """Announced by a department event, or named by a live project (older than the events)."""
    row = await get_department(session, tenant, department_id)
    if row is not None:
        return not row.deleted
    query = (
        select(ProjectDepartment.project_id)
        .where(
            col(ProjectDepartment.tenant) == tenant,
            col(ProjectDepartment.department_id) == department_id,
            col(ProjectDepartment.deleted).is_(False),
        )
        .limit(1)
    )
    return (await session.exec(query)).first() is not None


async def save(session: AsyncSession, row: ProjectDepartment | KnownDepartment) -> None:
    session.add(row)
    await session.flush()
