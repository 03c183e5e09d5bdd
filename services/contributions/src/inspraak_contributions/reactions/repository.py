"""All SQL of reactions."""

from collections.abc import Sequence

from sqlalchemy import delete, func, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import new_id, utcnow
from inspraak_contributions.reactions.models import Reaction


async def upsert(
    session: AsyncSession,
    *,
    tenant: str,
    project_id: str,
    item_type: str,
    item_id: str,
    user_id: str,
    value: str,
) -> None:
    """Set the person's reaction in one statement: a race of two requests leaves one row."""
    now = utcnow()
    statement = insert(Reaction).values(
        reaction_id=new_id(),
        tenant=tenant,
        project_id=project_id,
        item_type=item_type,
        item_id=item_id,
        user_id=user_id,
        value=value,
        created_at=now,
        updated_at=now,
    )
    statement = statement.on_conflict_do_update(
        constraint="uq_reaction_once",
        set_={"value": statement.excluded.value, "updated_at": statement.excluded.updated_at},
    )
    await session.exec(statement)


async def remove(
    session: AsyncSession, *, tenant: str, item_type: str, item_id: str, user_id: str
) -> bool:
    result = await session.exec(
        delete(Reaction).where(
            col(Reaction.tenant) == tenant,
            col(Reaction.item_type) == item_type,
            col(Reaction.item_id) == item_id,
            col(Reaction.user_id) == user_id,
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def counts(
    session: AsyncSession, tenant: str, item_type: str, item_ids: Sequence[str]
) -> dict[str, dict[str, int]]:
    """{item_id: {"up": n, "down": m}} for the given items."""
    if not item_ids:
        return {}
    query = (
        select(col(Reaction.item_id), col(Reaction.value), func.count())
        .where(
            col(Reaction.tenant) == tenant,
            col(Reaction.item_type) == item_type,
            col(Reaction.item_id).in_(list(item_ids)),
        )
        .group_by(col(Reaction.item_id), col(Reaction.value))
    )
    result: dict[str, dict[str, int]] = {}
    for item_id, value, n in (await session.exec(query)).all():
        result.setdefault(item_id, {"up": 0, "down": 0})[value] = int(n)
    return result


async def mine(
    session: AsyncSession, tenant: str, item_type: str, item_ids: Sequence[str], user_id: str
) -> dict[str, str]:
    if not item_ids:
        return {}
    query = select(col(Reaction.item_id), col(Reaction.value)).where(
        col(Reaction.tenant) == tenant,
        col(Reaction.item_type) == item_type,
        col(Reaction.item_id).in_(list(item_ids)),
        col(Reaction.user_id) == user_id,
    )
    return dict((await session.exec(query)).all())


async def unlink_user(session: AsyncSession, tenant: str, user_id: str, stand_in: str) -> None:
    await session.exec(
        update(Reaction)
        .where(col(Reaction.tenant) == tenant, col(Reaction.user_id) == user_id)
        .values(user_id=stand_in)
    )


async def contributors_by_day(
    session: AsyncSession, tenant: str, project_id: str
) -> list[tuple[str, str | None]]:
    day = func.to_char(func.timezone("UTC", col(Reaction.created_at)), "YYYY-MM-DD")
    query = select(day, col(Reaction.user_id)).where(
        col(Reaction.tenant) == tenant, col(Reaction.project_id) == project_id
    )
    return [(d, u) for d, u in (await session.exec(query)).all()]
