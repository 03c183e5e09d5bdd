"""Project update queries."""

import uuid
from collections.abc import Sequence

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.updates.models import ProjectUpdate


def add(session: AsyncSession, post: ProjectUpdate) -> None:
    session.add(post)


async def for_project(
    session: AsyncSession, project_id: uuid.UUID, limit: int
) -> Sequence[ProjectUpdate]:
    query = (
        select(ProjectUpdate)
        .where(ProjectUpdate.project_id == project_id)
        .order_by(col(ProjectUpdate.posted_at).desc())
        .limit(limit)
    )
    return (await session.exec(query)).all()


async def anonymise_author(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        update(ProjectUpdate)  # type: ignore[call-overload]
        .where(col(ProjectUpdate.tenant) == tenant, col(ProjectUpdate.posted_by_user_id) == user_id)
        .values(posted_by_user_id=None, posted_by_username=None)
    )
