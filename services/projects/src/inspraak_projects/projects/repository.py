"""Project queries: one project, the visible listing, tags, access, followers, approvals."""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, exists, false, func, or_, true, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.phases.models import Phase
from inspraak_projects.projects.models import (
    ApprovalDecision,
    Project,
    ProjectAccess,
    ProjectFollower,
    ProjectStatus,
    ProjectTerm,
    Visibility,
)

RESIDENT_STATUSES = (ProjectStatus.PUBLISHED, ProjectStatus.ARCHIVED)


@dataclass(frozen=True)
class ReadScope:
    """Which projects a caller may read, as data the listing query can use."""

    everything: bool = False
    department_ids: frozenset[uuid.UUID] = frozenset()
    project_ids: frozenset[uuid.UUID] = frozenset()
    user_id: str | None = None  # for restricted projects the person was let into


@dataclass(frozen=True)
class ListFilters:
    statuses: tuple[str, ...] = ()
    visibility: str | None = None
    department_id: uuid.UUID | None = None
    area_id: uuid.UUID | None = None
    topic_id: uuid.UUID | None = None
    phase_kind: str | None = None
    words: tuple[str, ...] = field(default=())


async def get(
    session: AsyncSession, tenant: str, project_id: uuid.UUID, *, for_update: bool = False
) -> Project | None:
    query = select(Project).where(Project.tenant == tenant, Project.id == project_id)
    if for_update:
        query = query.with_for_update()
    return (await session.exec(query)).first()


async def get_by_slug(session: AsyncSession, tenant: str, slug: str) -> Project | None:
    query = select(Project).where(Project.tenant == tenant, Project.slug == slug)
    return (await session.exec(query)).first()


async def slug_taken(
    session: AsyncSession, tenant: str, slug: str, exclude: uuid.UUID | None = None
) -> bool:
    query = select(Project.id).where(Project.tenant == tenant, Project.slug == slug)
    if exclude is not None:
        query = query.where(Project.id != exclude)
    return (await session.exec(query)).first() is not None


def add(session: AsyncSession, project: Project) -> None:
    session.add(project)


def _resident_clause(user_id: str | None) -> ColumnElement[bool]:
    allowed = (
        exists().where(
            col(ProjectAccess.project_id) == col(Project.id), col(ProjectAccess.user_id) == user_id
        )
        if user_id
        else false()
    )
    return and_(
        col(Project.status).in_(RESIDENT_STATUSES),
        or_(
            col(Project.visibility) == Visibility.PUBLIC,
            and_(col(Project.visibility) == Visibility.RESTRICTED, allowed),
        ),
    )


def visible_clause(scope: ReadScope) -> ColumnElement[bool]:
    if scope.everything:
        return true()
    clauses = [_resident_clause(scope.user_id)]
    if scope.department_ids:
        clauses.append(col(Project.department_id).in_(scope.department_ids))
    if scope.project_ids:
        clauses.append(col(Project.id).in_(scope.project_ids))
    return or_(*clauses)


def _filter_clauses(filters: ListFilters) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.statuses:
        clauses.append(col(Project.status).in_(filters.statuses))
    if filters.visibility:
        clauses.append(col(Project.visibility) == filters.visibility)
    if filters.department_id:
        clauses.append(col(Project.department_id) == filters.department_id)
    for term_id in (filters.area_id, filters.topic_id):
        if term_id:
            clauses.append(
                exists().where(
                    col(ProjectTerm.project_id) == col(Project.id),
                    col(ProjectTerm.term_id) == term_id,
                )
            )
    if filters.phase_kind:
        clauses.append(
            exists().where(
                col(Phase.project_id) == col(Project.id), col(Phase.kind) == filters.phase_kind
            )
        )
    for word in filters.words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(col(Project.search_text).like(f"%{escaped}%", escape="\\"))
    return clauses


async def list_page(
    session: AsyncSession,
    tenant: str,
    scope: ReadScope,
    filters: ListFilters,
    *,
    after: tuple[datetime, uuid.UUID] | None,
    limit: int,
) -> Sequence[Project]:
    """Newest first, keyset-paginated on (created_at, id); one row more than asked."""
    query = select(Project).where(
        Project.tenant == tenant, visible_clause(scope), *_filter_clauses(filters)
    )
    if after is not None:
        created_at, row_id = after
        query = query.where(
            or_(
                col(Project.created_at) < created_at,
                and_(col(Project.created_at) == created_at, col(Project.id) < row_id),
            )
        )
    query = query.order_by(col(Project.created_at).desc(), col(Project.id).desc()).limit(limit + 1)
    return (await session.exec(query)).all()


async def list_visible(
    session: AsyncSession, tenant: str, scope: ReadScope, department_id: uuid.UUID | None
) -> Sequence[Project]:
    """Every project the scope may see (for calendar feeds)."""
    filters = ListFilters(department_id=department_id)
    query = select(Project).where(
        Project.tenant == tenant, visible_clause(scope), *_filter_clauses(filters)
    )
    return (await session.exec(query.order_by(col(Project.created_at)))).all()


async def term_ids(
    session: AsyncSession, project_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, dict[str, list[uuid.UUID]]]:
    ids = list(project_ids)
    result: dict[uuid.UUID, dict[str, list[uuid.UUID]]] = {
        i: {"area": [], "topic": []} for i in ids
    }
    if not ids:
        return result
    query = select(ProjectTerm).where(col(ProjectTerm.project_id).in_(ids))
    for row in (await session.exec(query)).all():
        result[row.project_id][row.kind].append(row.term_id)
    for tags in result.values():
        for values in tags.values():
            values.sort()
    return result


async def set_terms(
    session: AsyncSession, project_id: uuid.UUID, kind: str, term_ids: Sequence[uuid.UUID]
) -> None:
    await session.exec(
        delete(ProjectTerm).where(  # type: ignore[call-overload]
            col(ProjectTerm.project_id) == project_id, col(ProjectTerm.kind) == kind
        )
    )
    session.add_all(ProjectTerm(project_id=project_id, term_id=t, kind=kind) for t in term_ids)
    await session.flush()


async def access_user_ids(session: AsyncSession, project_id: uuid.UUID) -> list[str]:
    query = (
        select(ProjectAccess.user_id)
        .where(ProjectAccess.project_id == project_id)
        .order_by(col(ProjectAccess.user_id))
    )
    return list((await session.exec(query)).all())


async def has_access(session: AsyncSession, project_id: uuid.UUID, user_id: str) -> bool:
    query = select(ProjectAccess.user_id).where(
        ProjectAccess.project_id == project_id, ProjectAccess.user_id == user_id
    )
    return (await session.exec(query)).first() is not None


async def set_access(session: AsyncSession, project_id: uuid.UUID, user_ids: list[str]) -> None:
    await session.exec(
        delete(ProjectAccess).where(col(ProjectAccess.project_id) == project_id)  # type: ignore[call-overload]
    )
    session.add_all(ProjectAccess(project_id=project_id, user_id=u) for u in user_ids)
    await session.flush()


async def follow(session: AsyncSession, project_id: uuid.UUID, user_id: str) -> bool:
    """True when the person was not following yet; safe under concurrent clicks."""
    statement = (
        insert(ProjectFollower)
        .values(project_id=project_id, user_id=user_id, followed_at=func.now())
        .on_conflict_do_nothing(index_elements=["project_id", "user_id"])
    )
    result = await session.exec(statement)  # type: ignore[call-overload]
    return bool(result.rowcount)


async def unfollow(session: AsyncSession, project_id: uuid.UUID, user_id: str) -> bool:
    result = await session.exec(
        delete(ProjectFollower).where(  # type: ignore[call-overload]
            col(ProjectFollower.project_id) == project_id, col(ProjectFollower.user_id) == user_id
        )
    )
    return bool(result.rowcount)


async def is_following(session: AsyncSession, project_id: uuid.UUID, user_id: str) -> bool:
    query = select(ProjectFollower.user_id).where(
        ProjectFollower.project_id == project_id, ProjectFollower.user_id == user_id
    )
    return (await session.exec(query)).first() is not None


async def follower_ids(session: AsyncSession, project_id: uuid.UUID) -> list[str]:
    query = (
        select(ProjectFollower.user_id)
        .where(ProjectFollower.project_id == project_id)
        .order_by(col(ProjectFollower.user_id))
    )
    return list((await session.exec(query)).all())


def add_decision(session: AsyncSession, decision: ApprovalDecision) -> None:
    session.add(decision)


async def decisions(session: AsyncSession, project_id: uuid.UUID) -> Sequence[ApprovalDecision]:
    query = (
        select(ApprovalDecision)
        .where(ApprovalDecision.project_id == project_id)
        .order_by(col(ApprovalDecision.decided_at))
    )
    return (await session.exec(query)).all()


async def projects_with_access_of(
    session: AsyncSession, tenant: str, user_id: str
) -> list[uuid.UUID]:
    query = (
        select(ProjectAccess.project_id)
        .join(Project, col(Project.id) == col(ProjectAccess.project_id))
        .where(Project.tenant == tenant, ProjectAccess.user_id == user_id)
    )
    return list((await session.exec(query)).all())


async def forget_person(session: AsyncSession, tenant: str, user_id: str) -> None:
    """Remove an erased person's follows and access, and the link to what they decided."""
    in_tenant = select(Project.id).where(Project.tenant == tenant).scalar_subquery()
    for table in (ProjectFollower, ProjectAccess):
        await session.exec(
            delete(table).where(  # type: ignore[call-overload]
                col(table.user_id) == user_id, col(table.project_id).in_(in_tenant)
            )
        )
    await session.exec(
        update(ApprovalDecision)  # type: ignore[call-overload]
        .where(
            col(ApprovalDecision.decided_by_user_id) == user_id,
            col(ApprovalDecision.project_id).in_(in_tenant),
        )
        .values(decided_by_user_id=None, decided_by_username=None)
    )
    await session.exec(
        update(Project)  # type: ignore[call-overload]
        .where(col(Project.tenant) == tenant, col(Project.created_by_user_id) == user_id)
        .values(created_by_user_id=None)
    )
