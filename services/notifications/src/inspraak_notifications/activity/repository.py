"""Every query on participation facts: recording them, and counting them by period."""

from collections import Counter
from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.activity.models import (
    CommentFact,
    InputFact,
    InputOutcome,
    RegistrationFact,
    ReportFact,
    TallySample,
)
from inspraak_notifications.sql import insert


async def input_fact_for_update(
    session: AsyncSession, tenant: str, input_id: str
) -> InputFact | None:
    """The stored snapshot, locked: two replicas comparing old and new never race."""
    return await session.get(InputFact, (tenant, input_id), with_for_update=True)


async def save_input(session: AsyncSession, fact: InputFact) -> bool:
    """Insert or update when newer; False when the stored version is as new or newer."""
    values = fact.model_dump()
    statement = insert(session, InputFact).values(**values)
    statement = statement.on_conflict_do_update(
        index_elements=["tenant", "input_id"],
        set_={k: statement.excluded[k] for k in values if k not in ("tenant", "input_id")},
        where=col(InputFact.version) < statement.excluded.version,
    ).returning(col(InputFact.input_id))
    return (await session.exec(statement)).first() is not None


async def save_comment(session: AsyncSession, fact: CommentFact) -> bool:
    statement = insert(session, CommentFact).values(**fact.model_dump())
    statement = statement.on_conflict_do_nothing(index_elements=["tenant", "comment_id"]).returning(
        col(CommentFact.comment_id)
    )
    return (await session.exec(statement)).first() is not None


async def save_registration(session: AsyncSession, tenant: str, user_id: str, at: datetime) -> None:
    statement = insert(session, RegistrationFact).values(
        tenant=tenant, subject=user_id, registered_at=at
    )
    await session.exec(statement.on_conflict_do_nothing(index_elements=["tenant", "subject"]))


def add(session: AsyncSession, fact: TallySample | InputOutcome | ReportFact) -> None:
    session.add(fact)


async def pseudonymise(session: AsyncSession, tenant: str, user_id: str, pseudonym: str) -> None:
    """Keep the counts (one distinct participant stays one) without the person's id or words."""
    await session.exec(
        update(InputFact)
        .where(col(InputFact.tenant) == tenant, col(InputFact.author_user_id) == user_id)
        .values(author_user_id=pseudonym, title="", official_response=None)
    )
    await session.exec(
        update(CommentFact)
        .where(col(CommentFact.tenant) == tenant, col(CommentFact.author_user_id) == user_id)
        .values(author_user_id=pseudonym)
    )
    await session.exec(
        update(RegistrationFact)
        .where(col(RegistrationFact.tenant) == tenant, col(RegistrationFact.subject) == user_id)
        .values(subject=pseudonym)
    )


# --- counting ---------------------------------------------------------------------------


async def contributions_between(
    session: AsyncSession, tenant: str, start: datetime, end: datetime
) -> list[tuple[str, str, str | None, datetime]]:
    """(kind, project_id, author, at) of every input and comment in [start, end)."""
    inputs = select(InputFact.project_id, InputFact.author_user_id, InputFact.created_at).where(
        InputFact.tenant == tenant, InputFact.created_at >= start, InputFact.created_at < end
    )
    comments = select(
        CommentFact.project_id, CommentFact.author_user_id, CommentFact.created_at
    ).where(
        CommentFact.tenant == tenant, CommentFact.created_at >= start, CommentFact.created_at < end
    )
    rows: list[tuple[str, str, str | None, datetime]] = []
    rows += [("input", *row) for row in (await session.exec(inputs)).all()]
    rows += [("comment", *row) for row in (await session.exec(comments)).all()]
    return rows


async def tally_totals(session: AsyncSession, tenant: str, kind: str, at: datetime) -> Counter[str]:
    """Per project: the sum of each key's newest total recorded before `at`."""
    ranked = (
        select(
            TallySample.key,
            TallySample.project_id,
            TallySample.value,
            func.row_number()
            .over(
                partition_by=col(TallySample.key),
                order_by=(col(TallySample.at).desc(), col(TallySample.id).desc()),
            )
            .label("rank"),
        )
        .where(TallySample.tenant == tenant, TallySample.kind == kind, TallySample.at < at)
        .subquery()
    )
    query = select(ranked.c.project_id, ranked.c.value).where(ranked.c.rank == 1)
    totals: Counter[str] = Counter()
    for project_id, value in (await session.exec(query)).all():
        totals[project_id] += int(value)
    return totals


async def registrations_between(
    session: AsyncSession, tenant: str, start: datetime, end: datetime
) -> int:
    query = select(func.count()).where(
        RegistrationFact.tenant == tenant,
        RegistrationFact.registered_at >= start,
        RegistrationFact.registered_at < end,
    )
    return int((await session.exec(query)).one())


async def outcomes_between(
    session: AsyncSession, tenant: str, start: datetime, end: datetime
) -> list[tuple[str, str, str]]:
    """(project_id, kind, status) of what was decided about inputs in [start, end)."""
    query = select(InputOutcome.project_id, InputOutcome.kind, InputOutcome.status).where(
        InputOutcome.tenant == tenant, InputOutcome.at >= start, InputOutcome.at < end
    )
    return [(p, k, s) for p, k, s in (await session.exec(query)).all()]


async def reports_between(
    session: AsyncSession, tenant: str, start: datetime, end: datetime
) -> Counter[str]:
    query = (
        select(ReportFact.project_id, func.count())
        .where(ReportFact.tenant == tenant, ReportFact.at >= start, ReportFact.at < end)
        .group_by(col(ReportFact.project_id))
    )
    return Counter({project_id: int(n) for project_id, n in (await session.exec(query)).all()})


async def input_fact(session: AsyncSession, tenant: str, input_id: str) -> InputFact | None:
    return await session.get(InputFact, (tenant, input_id))
