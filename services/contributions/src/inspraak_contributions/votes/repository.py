"""All SQL of votes, ballots and tallies."""

from collections.abc import Sequence

from sqlalchemy import delete, func, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import new_id, utcnow
from inspraak_contributions.votes.models import Ballot, Vote, VoteTally


async def lock_ballot(
    session: AsyncSession, *, tenant: str, project_id: str, phase_id: str, voter_user_id: str
) -> Ballot:
    """Create or lock the voter's ballot row: their writes in this phase run one at a time."""
    table = Ballot.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(
        ballot_id=new_id(),
        tenant=tenant,
        project_id=project_id,
        phase_id=phase_id,
        voter_user_id=voter_user_id,
        basket_input_ids=[],
        updated_at=utcnow(),
    )
    statement = statement.on_conflict_do_update(
        constraint="uq_ballot_voter", set_={"updated_at": statement.excluded.updated_at}
    ).returning(table.c.ballot_id)
    ballot_id = (await session.exec(statement)).scalar_one()
    ballot = await session.get(Ballot, ballot_id, populate_existing=True)
    assert ballot is not None
    return ballot


async def find_ballot(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str, voter_user_id: str
) -> Ballot | None:
    query = select(Ballot).where(
        col(Ballot.tenant) == tenant,
        col(Ballot.project_id) == project_id,
        col(Ballot.phase_id) == phase_id,
        col(Ballot.voter_user_id) == voter_user_id,
    )
    return (await session.exec(query)).first()


async def insert_vote(
    session: AsyncSession,
    *,
    tenant: str,
    project_id: str,
    phase_id: str,
    input_id: str,
    voter_user_id: str,
) -> bool:
    """Count the vote unless the person already voted for the item; return whether it counted."""
    table = Vote.__table__  # type: ignore[attr-defined]
    statement = (
        insert(table)
        .values(
            vote_id=new_id(),
            tenant=tenant,
            project_id=project_id,
            phase_id=phase_id,
            input_id=input_id,
            voter_user_id=voter_user_id,
            created_at=utcnow(),
        )
        .on_conflict_do_nothing(constraint="uq_vote_once")
        .returning(table.c.vote_id)
    )
    return (await session.exec(statement)).first() is not None


async def delete_votes(
    session: AsyncSession,
    tenant: str,
    project_id: str,
    phase_id: str,
    voter_user_id: str,
    input_ids: Sequence[str],
) -> int:
    if not input_ids:
        return 0
    result = await session.exec(
        delete(Vote).where(
            col(Vote.tenant) == tenant,
            col(Vote.project_id) == project_id,
            col(Vote.phase_id) == phase_id,
            col(Vote.voter_user_id) == voter_user_id,
            col(Vote.input_id).in_(list(input_ids)),
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def voter_input_ids(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str, voter_user_id: str
) -> list[str]:
    query = select(col(Vote.input_id)).where(
        col(Vote.tenant) == tenant,
        col(Vote.project_id) == project_id,
        col(Vote.phase_id) == phase_id,
        col(Vote.voter_user_id) == voter_user_id,
    )
    return list((await session.exec(query)).all())


async def recount(
    session: AsyncSession, *, tenant: str, project_id: str, phase_id: str, input_id: str
) -> VoteTally:
    """Recount an input's votes in a phase, under the tally row's lock.

    Taking the lock first means the count runs after every earlier voter's transaction
    has committed, so each tally (and its version) is exact, in order.
    """
    table = VoteTally.__table__  # type: ignore[attr-defined]
    lock = insert(table).values(
        tenant=tenant,
        phase_id=phase_id,
        input_id=input_id,
        project_id=project_id,
        votes=0,
        version=1,
    )
    lock = lock.on_conflict_do_update(
        index_elements=["tenant", "project_id", "phase_id", "input_id"],
        set_={"version": table.c.version + 1},
    ).returning(table.c.version)
    version = (await session.exec(lock)).scalar_one()
    count_query = select(func.count()).where(
        col(Vote.tenant) == tenant,
        col(Vote.project_id) == project_id,
        col(Vote.phase_id) == phase_id,
        col(Vote.input_id) == input_id,
    )
    votes = int((await session.exec(count_query)).one())
    await session.exec(
        update(table)
        .where(
            table.c.tenant == tenant,
            table.c.project_id == project_id,
            table.c.phase_id == phase_id,
            table.c.input_id == input_id,
        )
        .values(votes=votes)
    )
    return VoteTally(
        tenant=tenant,
        phase_id=phase_id,
        input_id=input_id,
        project_id=project_id,
        votes=votes,
        version=version,
    )


async def tallies(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> dict[str, int]:
    query = (
        select(col(Vote.input_id), func.count())
        .where(
            col(Vote.tenant) == tenant,
            col(Vote.project_id) == project_id,
            col(Vote.phase_id) == phase_id,
        )
        .group_by(col(Vote.input_id))
    )
    return {input_id: int(n) for input_id, n in (await session.exec(query)).all()}


async def count_by_input(
    session: AsyncSession, tenant: str, input_ids: Sequence[str]
) -> dict[str, int]:
    if not input_ids:
        return {}
    query = (
        select(col(Vote.input_id), func.count())
        .where(col(Vote.tenant) == tenant, col(Vote.input_id).in_(list(input_ids)))
        .group_by(col(Vote.input_id))
    )
    return {input_id: int(n) for input_id, n in (await session.exec(query)).all()}


async def voters(session: AsyncSession, tenant: str, project_id: str, phase_id: str) -> int:
    """Distinct voters; an erased person still counts, under their stand-in id."""
    known = select(func.count(func.distinct(col(Vote.voter_user_id)))).where(
        col(Vote.tenant) == tenant,
        col(Vote.project_id) == project_id,
        col(Vote.phase_id) == phase_id,
    )
    return int((await session.exec(known)).one())


async def submitted_baskets(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> int:
    query = select(func.count()).where(
        col(Ballot.tenant) == tenant,
        col(Ballot.project_id) == project_id,
        col(Ballot.phase_id) == phase_id,
        col(Ballot.basket_submitted_at).is_not(None),
    )
    return int((await session.exec(query)).one())


async def list_votes(session: AsyncSession, tenant: str, project_id: str) -> list[Vote]:
    query = select(Vote).where(col(Vote.tenant) == tenant, col(Vote.project_id) == project_id)
    return list((await session.exec(query)).all())


async def contributors_by_day(
    session: AsyncSession, tenant: str, project_id: str
) -> list[tuple[str, str | None]]:
    day = func.to_char(func.timezone("UTC", col(Vote.created_at)), "YYYY-MM-DD")
    query = select(day, col(Vote.voter_user_id)).where(
        col(Vote.tenant) == tenant, col(Vote.project_id) == project_id
    )
    return [(d, u) for d, u in (await session.exec(query)).all()]


async def unlink_voter(session: AsyncSession, tenant: str, user_id: str, stand_in: str) -> None:
    """Votes and submitted baskets move to `stand_in`; a basket never submitted goes."""
    await session.exec(
        update(Vote)
        .where(col(Vote.tenant) == tenant, col(Vote.voter_user_id) == user_id)
        .values(voter_user_id=stand_in)
    )
    await session.exec(
        delete(Ballot).where(
            col(Ballot.tenant) == tenant,
            col(Ballot.voter_user_id) == user_id,
            col(Ballot.basket_submitted_at).is_(None),
        )
    )
    await session.exec(
        update(Ballot)
        .where(col(Ballot.tenant) == tenant, col(Ballot.voter_user_id) == user_id)
        .values(voter_user_id=stand_in)
    )
