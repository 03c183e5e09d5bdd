"""Voting rules, enforced on the server and safe under concurrent requests.

- one vote per person per item: the `uq_vote_once` constraint, not a check in code;
- at most `max_votes` per person in a `multiple` phase: the voter's ballot row is locked
  first, so their concurrent requests are counted one after the other;
- a budget basket must stay within the budget, is counted only when submitted, and can be
  changed and submitted again until the phase ends.
"""

from collections.abc import Iterable
from decimal import Decimal

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.columns import utcnow
from inspraak_contributions.inputs import repository as inputs_repository
from inspraak_contributions.inputs.models import Input
from inspraak_contributions.inputs.schemas import InputStatus
from inspraak_contributions.projects import service as projects
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.projects.models import Phase
from inspraak_contributions.projects.schemas import BudgetItemSnapshot, PhaseKind, VotingMethod
from inspraak_contributions.votes import repository
from inspraak_contributions.votes.events import basket_submitted, votes_changed
from inspraak_contributions.votes.models import Ballot
from inspraak_contributions.votes.schemas import BallotRead, BasketItem, VoteResult
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Conflict, UnprocessableContent

COUNTED_METHODS = (VotingMethod.SUPPORT, VotingMethod.MULTIPLE)


async def _voting_phase(
    session: AsyncSession, access: ProjectAccess, phase_id: str, methods: Iterable[VotingMethod]
) -> Phase:
    phase = await projects.get_phase(session, access.project, phase_id)
    projects.ensure_accepting(access.project, phase, (PhaseKind.VOTING,), access.user)
    if phase.voting_method not in {m.value for m in methods}:
        raise problems.wrong_phase_method(" / ".join(m.value for m in methods))
    return phase


def _votable(row: Input | None) -> Input:
    """Inputs of the project that are visible and not rejected can receive votes."""
    if row is None or row.hidden:
        raise problems.not_found("input")
    if row.status == InputStatus.REJECTED:
        raise Conflict("A rejected input cannot receive votes.", slug="input-rejected")
    return row


async def _recount_and_announce(
    session: AsyncSession, access: ProjectAccess, phase_id: str, input_ids: Iterable[str]
) -> dict[str, int]:
    tallies: dict[str, int] = {}
    # Sorted: two voters touching the same inputs lock the tallies in one order (no deadlock).
    for input_id in sorted(set(input_ids)):
        tally = await repository.recount(
            session,
            tenant=access.tenant,
            project_id=access.project.project_id,
            phase_id=phase_id,
            input_id=input_id,
        )
        enqueue(session, votes_changed(tally))
        tallies[input_id] = tally.votes
    return tallies


async def cast(
    session: AsyncSession, access: ProjectAccess, phase_id: str, input_id: str
) -> VoteResult:
    user = access.user
    phase = await _voting_phase(session, access, phase_id, COUNTED_METHODS)
    _votable(
        await inputs_repository.get(session, access.tenant, access.project.project_id, input_id)
    )
    await repository.lock_ballot(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        voter_user_id=user.user_id,
    )
    used = await repository.voter_input_ids(
        session, access.tenant, access.project.project_id, phase_id, user.user_id
    )
    if input_id in used:
        raise problems.already_voted()
    limited = phase.voting_method == VotingMethod.MULTIPLE and phase.max_votes is not None
    if limited and len(used) >= (phase.max_votes or 0):
        raise problems.vote_limit_reached(phase.max_votes or 0)
    counted = await repository.insert_vote(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        input_id=input_id,
        voter_user_id=user.user_id,
    )
    if not counted:  # the constraint caught what the ballot lock should already have
        raise problems.already_voted()
    tallies = await _recount_and_announce(session, access, phase_id, [input_id])
    return VoteResult(
        input_id=input_id,
        votes=tallies[input_id],
        votes_used=len(used) + 1,
        max_votes=phase.max_votes if phase.voting_method == VotingMethod.MULTIPLE else None,
    )


async def withdraw(
    session: AsyncSession, access: ProjectAccess, phase_id: str, input_id: str
) -> None:
    user = access.user
    await _voting_phase(session, access, phase_id, COUNTED_METHODS)
    await repository.lock_ballot(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        voter_user_id=user.user_id,
    )
    removed = await repository.delete_votes(
        session, access.tenant, access.project.project_id, phase_id, user.user_id, [input_id]
    )
    if not removed:
        raise problems.not_found("vote")
    await _recount_and_announce(session, access, phase_id, [input_id])


def budget_items(phase: Phase) -> dict[str, BudgetItemSnapshot]:
    """The municipality's costed items of a budget phase (empty: inputs are the items)."""
    items = (BudgetItemSnapshot.model_validate(i) for i in phase.budget_items)
    return {item.item_id: item for item in items}


async def _basket_items(
    session: AsyncSession, access: ProjectAccess, phase: Phase, input_ids: list[str]
) -> list[BasketItem]:
    if len(set(input_ids)) != len(input_ids):
        raise UnprocessableContent(
            "An input can be in the basket only once.", slug="duplicate-item"
        )
    offered = budget_items(phase)
    if offered:
        unknown = [i for i in input_ids if i not in offered]
        if unknown:
            raise UnprocessableContent(
                "The basket holds items this budget does not offer.",
                slug="unknown-item",
                extensions={"item_ids": unknown},
            )
        return [
            BasketItem(input_id=i, title=offered[i].title, cost=offered[i].cost) for i in input_ids
        ]
    rows = {
        r.input_id: r
        for r in await inputs_repository.get_many(
            session, access.tenant, access.project.project_id, input_ids
        )
    }
    items = []
    for input_id in input_ids:
        row = _votable(rows.get(input_id))
        if row.cost is None:
            raise Conflict(
                "This input has no cost yet and cannot be put in a basket.", slug="no-cost"
            )
        items.append(BasketItem(input_id=input_id, title=row.title, cost=row.cost))
    return items


def _check_budget(phase: Phase, items: list[BasketItem]) -> Decimal:
    total = sum((item.cost for item in items), Decimal(0))
    if phase.budget is not None and total > phase.budget:
        raise problems.over_budget(f"{total:.2f}", f"{phase.budget:.2f}")
    return total


async def save_basket(
    session: AsyncSession, access: ProjectAccess, phase_id: str, input_ids: list[str]
) -> BallotRead:
    """Keep the basket being composed; it counts only once submitted."""
    user = access.user
    phase = await _voting_phase(session, access, phase_id, (VotingMethod.BUDGET,))
    items = await _basket_items(session, access, phase, input_ids)
    _check_budget(phase, items)
    ballot = await repository.lock_ballot(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        voter_user_id=user.user_id,
    )
    ballot.basket_input_ids = input_ids
    ballot.updated_at = utcnow()
    session.add(ballot)
    await session.flush()
    return await ballot_read(session, access, phase, ballot)


async def submit_basket(session: AsyncSession, access: ProjectAccess, phase_id: str) -> BallotRead:
    """Count the saved basket, replacing a basket submitted before."""
    user = access.user
    phase = await _voting_phase(session, access, phase_id, (VotingMethod.BUDGET,))
    ballot = await repository.lock_ballot(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        voter_user_id=user.user_id,
    )
    if not ballot.basket_input_ids:
        raise Conflict("The basket is empty.", slug="empty-basket")
    # Checked again under the lock: the basket counted is the one within budget now.
    items = await _basket_items(session, access, phase, ballot.basket_input_ids)
    _check_budget(phase, items)
    wanted = {item.input_id for item in items}
    counted = set(
        await repository.voter_input_ids(
            session, access.tenant, access.project.project_id, phase_id, user.user_id
        )
    )
    await repository.delete_votes(
        session,
        access.tenant,
        access.project.project_id,
        phase_id,
        user.user_id,
        sorted(counted - wanted),
    )
    for input_id in sorted(wanted - counted):
        await repository.insert_vote(
            session,
            tenant=access.tenant,
            project_id=access.project.project_id,
            phase_id=phase_id,
            input_id=input_id,
            voter_user_id=user.user_id,
        )
    await _recount_and_announce(session, access, phase_id, wanted ^ counted)
    ballot.basket_submitted_at = utcnow()
    session.add(ballot)
    await session.flush()
    enqueue(
        session,
        basket_submitted(
            tenant=access.tenant,
            project_id=access.project.project_id,
            phase_id=phase_id,
            items=len(items),
            baskets=await repository.submitted_baskets(
                session, access.tenant, access.project.project_id, phase_id
            ),
        ),
    )
    return await ballot_read(session, access, phase, ballot)


async def ballot_read(
    session: AsyncSession, access: ProjectAccess, phase: Phase, ballot: Ballot | None
) -> BallotRead:
    user = access.user
    voted = await repository.voter_input_ids(
        session, access.tenant, access.project.project_id, phase.phase_id, user.user_id
    )
    basket_ids = ballot.basket_input_ids if ballot else []
    offered = budget_items(phase)
    if offered:
        basket = [
            BasketItem(input_id=i, title=offered[i].title, cost=offered[i].cost)
            for i in basket_ids
            if i in offered
        ]
    else:
        rows = {
            r.input_id: r
            for r in await inputs_repository.get_many(
                session, access.tenant, access.project.project_id, basket_ids
            )
        }
        basket = [
            BasketItem(input_id=i, title=rows[i].title, cost=rows[i].cost or Decimal(0))
            for i in basket_ids
            if i in rows
        ]
    submitted_at = ballot.basket_submitted_at if ballot else None
    return BallotRead(
        phase_id=phase.phase_id,
        method=phase.voting_method or "",
        max_votes=phase.max_votes,
        budget=phase.budget,
        currency=phase.currency,
        voted_input_ids=sorted(voted),
        basket=basket,
        basket_total=sum((b.cost for b in basket), Decimal(0)),
        basket_submitted_at=submitted_at,
        basket_changed_since_submission=submitted_at is not None and set(basket_ids) != set(voted),
    )


async def my_ballot(session: AsyncSession, access: ProjectAccess, phase_id: str) -> BallotRead:
    user = access.user
    phase = await projects.get_phase(session, access.project, phase_id)
    if phase.kind != PhaseKind.VOTING:
        raise problems.wrong_phase_method(PhaseKind.VOTING.value)
    ballot = await repository.find_ballot(
        session, access.tenant, access.project.project_id, phase_id, user.user_id
    )
    return await ballot_read(session, access, phase, ballot)
