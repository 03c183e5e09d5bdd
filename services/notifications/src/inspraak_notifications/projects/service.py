"""Keeping the project read model in step, and answering: who moderates, heads, follows?"""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.directory import service as directory
from inspraak_notifications.event_data import ids, text, time_of
from inspraak_notifications.i18n import parse_time
from inspraak_notifications.projects import repository
from inspraak_notifications.projects.models import DepartmentView, ProjectView
from inspraak_shared.events import CloudEvent


def _language_map(value: object) -> dict[str, str]:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str)}
    if isinstance(value, str) and value:
        return {"nl": value}
    return {}


async def apply_project(session: AsyncSession, event: CloudEvent) -> ProjectView | None:
    """Store a project snapshot when it is newer; return the project as it now stands."""
    data = event.data
    project_id = text(data, "project_id")
    if project_id is None:
        return None
    status = text(data, "status") or "draft"
    published_at = parse_time(data.get("published_at"))
    if published_at is None and status == "published":
        published_at = event.time
    await repository.save_project(
        session,
        ProjectView(
            tenant=event.tenant,
            project_id=project_id,
            version=int(data.get("version") or 0),
            slug=text(data, "slug") or project_id,
            department_id=text(data, "department_id"),
            status=status,
            visibility=text(data, "visibility") or "public",
            title=_language_map(data.get("title")),
            input_use=_language_map(data.get("input_use")),
            moderator_user_ids=ids(data, "moderator_user_ids"),
            allowed_user_ids=ids(data, "allowed_user_ids"),
            phases=[p for p in data.get("phases") or [] if isinstance(p, dict)],
            published_at=published_at,
            archived_at=time_of(data, "archived_at", event) if status == "archived" else None,
        ),
    )
    await session.flush()
    return await repository.project(session, event.tenant, project_id)


async def apply_department(session: AsyncSession, event: CloudEvent, *, deleted: bool) -> None:
    data = event.data
    department_id = text(data, "department_id")
    if department_id is None:
        return
    if deleted:
        await repository.delete_department(session, event.tenant, department_id)
        return
    await repository.save_department(
        session,
        DepartmentView(
            tenant=event.tenant,
            department_id=department_id,
            version=int(data.get("version") or 0),
            name=_language_map(data.get("name")),
            head_user_ids=ids(data, "head_user_ids"),
        ),
    )


async def apply_follower(session: AsyncSession, event: CloudEvent, *, added: bool) -> None:
    project_id, user_id = text(event.data, "project_id"), text(event.data, "user_id")
    if project_id is None or user_id is None:
        return
    if added:
        await repository.follow(session, event.tenant, project_id, user_id, event.time)
    else:
        await repository.unfollow(session, event.tenant, project_id, user_id)


async def project(session: AsyncSession, tenant: str, project_id: str) -> ProjectView | None:
    return await repository.project(session, tenant, project_id)


async def moderators(session: AsyncSession, tenant: str, project: ProjectView) -> list[str]:
    """From the snapshot and from role grants: either may arrive first."""
    granted = await directory.scoped_holders(
        session, tenant, directory.PROJECT_MODERATOR, project.project_id
    )
    return _unique([*project.moderator_user_ids, *granted])


async def department_heads(
    session: AsyncSession, tenant: str, department_id: str | None
) -> list[str]:
    if department_id is None:
        return []
    department = await repository.department(session, tenant, department_id)
    granted = await directory.scoped_holders(
        session, tenant, directory.DEPARTMENT_HEAD, department_id
    )
    return _unique([*(department.head_user_ids if department else []), *granted])


async def followers(
    session: AsyncSession, tenant: str, project: ProjectView, extra: list[str] | None = None
) -> list[str]:
    """Followers who may see the project now: none while hidden, the invited when restricted."""
    everyone = _unique(
        [*await repository.follower_ids(session, tenant, project.project_id), *(extra or [])]
    )
    if project.visibility == "hidden":
        return []
    if project.visibility == "restricted":
        allowed = set(project.allowed_user_ids) | set(await moderators(session, tenant, project))
        return [user_id for user_id in everyone if user_id in allowed]
    return everyone


async def departments_with_heads(
    session: AsyncSession, tenant: str
) -> list[tuple[DepartmentView, list[str]]]:
    result = []
    for department in await repository.departments(session, tenant):
        heads = await department_heads(session, tenant, department.department_id)
        if heads:
            result.append((department, heads))
    return result


async def projects_of_department(
    session: AsyncSession, tenant: str, department_id: str
) -> list[ProjectView]:
    return await repository.projects_of_department(session, tenant, department_id)


async def all_projects(session: AsyncSession, tenant: str) -> list[ProjectView]:
    return await repository.projects(session, tenant)


async def forget_user(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.forget_user(session, tenant, user_id)


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


async def department(
    session: AsyncSession, tenant: str, department_id: str | None
) -> DepartmentView | None:
    return await repository.department(session, tenant, department_id) if department_id else None
