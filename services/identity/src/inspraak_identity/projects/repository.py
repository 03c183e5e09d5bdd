"""Queries on the project -> department read model."""

from collections.abc import Iterable

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.projects.models import ProjectDepartment


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


async def save(session: AsyncSession, row: ProjectDepartment) -> None:
    session.add(row)
    await session.flush()
