"""Every query on the project, department and follower read model."""

from datetime import datetime

from sqlalchemy import delete, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.projects.models import DepartmentView, Follower, ProjectView
from inspraak_notifications.sql import insert


async def project(session: AsyncSession, tenant: str, project_id: str) -> ProjectView | None:
    return await session.get(ProjectView, (tenant, project_id))


async def department(
    session: AsyncSession, tenant: str, department_id: str
) -> DepartmentView | None:
    return await session.get(DepartmentView, (tenant, department_id))


async def departments(session: AsyncSession, tenant: str) -> list[DepartmentView]:
    query = select(DepartmentView).where(DepartmentView.tenant == tenant)
    return list((await session.exec(query.order_by(col(DepartmentView.department_id)))).all())


async def projects(session: AsyncSession, tenant: str) -> list[ProjectView]:
    query = select(ProjectView).where(ProjectView.tenant == tenant)
    return list((await session.exec(query.order_by(col(ProjectView.project_id)))).all())


async def projects_of_department(
    session: AsyncSession, tenant: str, department_id: str
) -> list[ProjectView]:
    query = select(ProjectView).where(
        ProjectView.tenant == tenant, ProjectView.department_id == department_id
    )
    return list((await session.exec(query.order_by(col(ProjectView.project_id)))).all())


async def save_project(session: AsyncSession, view: ProjectView) -> None:
    """Insert, or update when newer; the first publication and archival times are kept."""
    values = view.model_dump()
    statement = insert(session, ProjectView).values(**values)
    changes = {
        key: statement.excluded[key]
        for key in values
        if key not in ("tenant", "project_id", "published_at", "archived_at")
    }
    changes["published_at"] = func.coalesce(
        ProjectView.published_at, statement.excluded.published_at
    )
    # Archived again after a restore: the latest archival counts.
    changes["archived_at"] = statement.excluded.archived_at
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "project_id"],
        set_=changes,
        where=col(ProjectView.version) < statement.excluded.version,
    )
    await session.exec(statement)


async def save_department(session: AsyncSession, view: DepartmentView) -> None:
    values = view.model_dump()
    statement = insert(session, DepartmentView).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "department_id"],
        set_={k: statement.excluded[k] for k in ("version", "name", "head_user_ids")},
        where=col(DepartmentView.version) < statement.excluded.version,
    )
    await session.exec(statement)


async def delete_department(session: AsyncSession, tenant: str, department_id: str) -> None:
    await session.exec(
        delete(DepartmentView).where(
            col(DepartmentView.tenant) == tenant, col(DepartmentView.department_id) == department_id
        )
    )


async def follow(
    session: AsyncSession, tenant: str, project_id: str, user_id: str, at: datetime
) -> None:
    statement = insert(session, Follower).values(
        tenant=tenant, project_id=project_id, user_id=user_id, followed_at=at
    )
    await session.exec(
        statement.on_conflict_do_nothing(index_elements=["tenant", "project_id", "user_id"])
    )


async def unfollow(session: AsyncSession, tenant: str, project_id: str, user_id: str) -> None:
    await session.exec(
        delete(Follower).where(
            col(Follower.tenant) == tenant,
            col(Follower.project_id) == project_id,
            col(Follower.user_id) == user_id,
        )
    )


async def follower_ids(session: AsyncSession, tenant: str, project_id: str) -> list[str]:
    query = select(Follower.user_id).where(
        Follower.tenant == tenant, Follower.project_id == project_id
    )
    return list((await session.exec(query.order_by(col(Follower.user_id)))).all())


async def forget_user(session: AsyncSession, tenant: str, user_id: str) -> None:
    await session.exec(
        delete(Follower).where(col(Follower.tenant) == tenant, col(Follower.user_id) == user_id)
    )
