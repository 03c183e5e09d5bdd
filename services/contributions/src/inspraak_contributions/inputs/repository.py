"""All SQL of inputs."""

import base64
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.inputs.models import Input


async def add(session: AsyncSession, row: Input) -> Input:
    session.add(row)
    await session.flush()
    return row


async def get(
    session: AsyncSession, tenant: str, project_id: str, input_id: str, *, lock: bool = False
) -> Input | None:
    query = select(Input).where(
        col(Input.tenant) == tenant,
        col(Input.project_id) == project_id,
        col(Input.input_id) == input_id,
        col(Input.deleted_at).is_(None),
    )
    if lock:
        # Serialises changes to one input, so versions and snapshot counts stay in order.
        query = query.with_for_update()
    return (await session.exec(query.execution_options(populate_existing=True))).first()


async def get_many(
    session: AsyncSession, tenant: str, project_id: str, input_ids: Sequence[str]
) -> list[Input]:
    if not input_ids:
        return []
    query = select(Input).where(
        col(Input.tenant) == tenant,
        col(Input.project_id) == project_id,
        col(Input.input_id).in_(list(input_ids)),
        col(Input.deleted_at).is_(None),
    )
    return list((await session.exec(query)).all())


def encode_cursor(row: Input) -> str:
    raw = f"{row.created_at.isoformat()}|{row.input_id}".encode()
    return base64.urlsafe_b64encode(raw).decode()


def decode_cursor(cursor: str) -> tuple[datetime, str] | None:
    try:
        created, input_id = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return datetime.fromisoformat(created), input_id
    except (ValueError, UnicodeDecodeError):
        return None


async def page(
    session: AsyncSession,
    tenant: str,
    project_id: str,
    *,
    include_hidden: bool,
    phase_id: str | None,
    topic_id: str | None,
    area_id: str | None,
    status: str | None,
    after: tuple[datetime, str] | None,
    limit: int,
) -> list[Input]:
    """Newest first, keyset-paginated on (created_at, input_id)."""
    conditions = [
        col(Input.tenant) == tenant,
        col(Input.project_id) == project_id,
        col(Input.deleted_at).is_(None),
    ]
    if not include_hidden:
        conditions.append(col(Input.hidden).is_(False))
    for column, value in (
        (Input.phase_id, phase_id),
        (Input.topic_id, topic_id),
        (Input.area_id, area_id),
        (Input.status, status),
    ):
        if value is not None:
            conditions.append(col(column) == value)
    if after is not None:
        created, input_id = after
        conditions.append(
            or_(
                col(Input.created_at) < created,
                and_(col(Input.created_at) == created, col(Input.input_id) < input_id),
            )
        )
    query = (
        select(Input)
        .where(*conditions)
        .order_by(col(Input.created_at).desc(), col(Input.input_id).desc())
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def list_for_project(
    session: AsyncSession, tenant: str, project_id: str, *, phase_id: str | None = None
) -> list[Input]:
    query = select(Input).where(
        col(Input.tenant) == tenant,
        col(Input.project_id) == project_id,
        col(Input.deleted_at).is_(None),
    )
    if phase_id is not None:
        query = query.where(col(Input.phase_id) == phase_id)
    return list((await session.exec(query.order_by(col(Input.created_at)))).all())


async def list_by_author(
    session: AsyncSession, tenant: str, user_id: str, *, lock: bool = False
) -> list[Input]:
    query = select(Input).where(col(Input.tenant) == tenant, col(Input.author_user_id) == user_id)
    if lock:
        query = query.with_for_update()
    return list((await session.exec(query)).all())


async def counts_by(
    session: AsyncSession, tenant: str, project_id: str, column: str
) -> list[tuple[str | None, int]]:
    """How many visible inputs per value of a column (topic, area, status)."""
    field = getattr(Input, column)
    query = (
        select(field, func.count())
        .where(
            col(Input.tenant) == tenant,
            col(Input.project_id) == project_id,
            col(Input.deleted_at).is_(None),
            col(Input.hidden).is_(False),
        )
        .group_by(field)
        .order_by(field)
    )
    return [(value, int(count)) for value, count in (await session.exec(query)).all()]


async def contributors_by_day(
    session: AsyncSession, tenant: str, project_id: str
) -> list[tuple[str, str | None]]:
    day = func.to_char(func.timezone("UTC", col(Input.created_at)), "YYYY-MM-DD")
    query = select(day, col(Input.author_user_id)).where(
        col(Input.tenant) == tenant, col(Input.project_id) == project_id
    )
    return [(d, u) for d, u in (await session.exec(query)).all()]


async def mark_reviewed(session: AsyncSession, tenant: str, input_id: str) -> None:
    await session.exec(
        update(Input)
        .where(col(Input.tenant) == tenant, col(Input.input_id) == input_id)
        .values(reviewed=True)
    )


async def for_moderation(
    session: AsyncSession,
    tenant: str,
    project_id: str,
    *,
    hidden: bool | None = None,
    reviewed: bool | None = None,
    input_ids: Sequence[str] | None = None,
) -> list[Input]:
    query = select(Input).where(
        col(Input.tenant) == tenant,
        col(Input.project_id) == project_id,
        col(Input.deleted_at).is_(None),
    )
    if hidden is not None:
        query = query.where(col(Input.hidden).is_(hidden))
    if reviewed is not None:
        query = query.where(col(Input.reviewed).is_(reviewed))
    if input_ids is not None:
        query = query.where(col(Input.input_id).in_(list(input_ids)))
    return list((await session.exec(query.order_by(col(Input.created_at)))).all())
