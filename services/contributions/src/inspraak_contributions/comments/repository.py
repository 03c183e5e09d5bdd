"""All SQL of comments."""

from collections.abc import Sequence

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.comments.models import Comment


async def add(session: AsyncSession, row: Comment) -> Comment:
    session.add(row)
    await session.flush()
    return row


async def get(
    session: AsyncSession, tenant: str, project_id: str, comment_id: str, *, lock: bool = False
) -> Comment | None:
    query = select(Comment).where(
        col(Comment.tenant) == tenant,
        col(Comment.project_id) == project_id,
        col(Comment.comment_id) == comment_id,
    )
    if lock:
        query = query.with_for_update()
    return (await session.exec(query.execution_options(populate_existing=True))).first()


async def list_for_input(session: AsyncSession, tenant: str, input_id: str) -> list[Comment]:
    query = (
        select(Comment)
        .where(col(Comment.tenant) == tenant, col(Comment.input_id) == input_id)
        .order_by(col(Comment.created_at), col(Comment.comment_id))
    )
    return list((await session.exec(query)).all())


async def list_for_project(session: AsyncSession, tenant: str, project_id: str) -> list[Comment]:
    query = (
        select(Comment)
        .where(col(Comment.tenant) == tenant, col(Comment.project_id) == project_id)
        .order_by(col(Comment.created_at), col(Comment.comment_id))
    )
    return list((await session.exec(query)).all())


async def count_by_input(
    session: AsyncSession, tenant: str, input_ids: Sequence[str]
) -> dict[str, int]:
    """Visible comments per input (deleted and hidden ones are not counted)."""
    if not input_ids:
        return {}
    query = (
        select(col(Comment.input_id), func.count())
        .where(
            col(Comment.tenant) == tenant,
            col(Comment.input_id).in_(list(input_ids)),
            col(Comment.deleted_at).is_(None),
            col(Comment.hidden).is_(False),
        )
        .group_by(col(Comment.input_id))
    )
    return {input_id: int(n) for input_id, n in (await session.exec(query)).all()}


async def list_by_author(session: AsyncSession, tenant: str, user_id: str) -> list[Comment]:
    query = select(Comment).where(
        col(Comment.tenant) == tenant, col(Comment.author_user_id) == user_id
    )
    return list((await session.exec(query)).all())


async def contributors_by_day(
    session: AsyncSession, tenant: str, project_id: str
) -> list[tuple[str, str | None]]:
    day = func.to_char(func.timezone("UTC", col(Comment.created_at)), "YYYY-MM-DD")
    query = select(day, col(Comment.author_user_id)).where(
        col(Comment.tenant) == tenant,
        col(Comment.project_id) == project_id,
        col(Comment.official).is_(False),
    )
    return [(d, u) for d, u in (await session.exec(query)).all()]


async def mark_reviewed(session: AsyncSession, tenant: str, comment_id: str) -> None:
    await session.exec(
        update(Comment)
        .where(col(Comment.tenant) == tenant, col(Comment.comment_id) == comment_id)
        .values(reviewed=True)
    )


async def for_moderation(
    session: AsyncSession,
    tenant: str,
    project_id: str,
    *,
    hidden: bool | None = None,
    reviewed: bool | None = None,
    comment_ids: Sequence[str] | None = None,
) -> list[Comment]:
    query = select(Comment).where(
        col(Comment.tenant) == tenant,
        col(Comment.project_id) == project_id,
        col(Comment.deleted_at).is_(None),
    )
    if hidden is not None:
        query = query.where(col(Comment.hidden).is_(hidden))
    if reviewed is not None:
        query = query.where(col(Comment.reviewed).is_(reviewed))
    if comment_ids is not None:
        query = query.where(col(Comment.comment_id).in_(list(comment_ids)))
    return list((await session.exec(query.order_by(col(Comment.created_at)))).all())
