"""Department queries."""

import uuid
from collections.abc import Sequence

from sqlalchemy import exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.departments.models import Department
from inspraak_projects.projects.models import Project


async def get(
    session: AsyncSession, tenant: str, department_id: uuid.UUID, *, for_update: bool = False
) -> Department | None:
    query = select(Department).where(Department.tenant == tenant, Department.id == department_id)
    if for_update:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def list_all(session: AsyncSession, tenant: str) -> Sequence[Department]:
    query = select(Department).where(Department.tenant == tenant).order_by(col(Department.slug))
    return (await session.exec(query)).all()


async def slug_taken(
    session: AsyncSession, tenant: str, slug: str, exclude: uuid.UUID | None = None
) -> bool:
    query = select(Department.id).where(Department.tenant == tenant, Department.slug == slug)
    if exclude is not None:
        query = query.where(Department.id != exclude)
    return (await session.exec(query)).first() is not None


async def has_projects(session: AsyncSession, department_id: uuid.UUID) -> bool:
    query = select(exists().where(col(Project.department_id) == department_id))
    return bool((await session.exec(query)).one())


def add(session: AsyncSession, department: Department) -> None:
    session.add(department)


async def delete(session: AsyncSession, department: Department) -> None:
    await session.delete(department)
