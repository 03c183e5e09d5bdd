"""Voting: support, multiple votes, and participatory budget baskets."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status
from fastapi.responses import JSONResponse

from inspraak_contributions.idempotency.service import IdempotencyKey, run_once
from inspraak_contributions.votes import service
from inspraak_contributions.votes.auth import Voter
from inspraak_contributions.votes.schemas import BallotRead, BasketUpdate, VoteCast, VoteResult
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}/phases/{phase_id}", tags=["votes"])
Id = Annotated[str, Path(max_length=64)]


@router.post(
    "/votes",
    status_code=status.HTTP_201_CREATED,
    response_model=VoteResult,
    summary="Vote for an input (support or multiple votes)",
)
async def cast_vote(
    phase_id: Id,
    payload: VoteCast,
    access: Voter,
    session: DbSession,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    return await run_once(
        session,
        tenant=access.tenant,
        user_id=access.user.user_id,
        key=idempotency_key,
        operation=f"vote:{access.project.project_id}:{phase_id}",
        payload=payload,
        status_code=status.HTTP_201_CREATED,
        work=lambda: service.cast(session, access, phase_id, payload.input_id),
    )


@router.delete(
    "/votes/{input_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Withdraw your vote while the phase is open",
)
async def withdraw_vote(phase_id: Id, input_id: Id, access: Voter, session: DbSession) -> Response:
    await service.withdraw(session, access, phase_id, input_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/ballot", summary="Your votes and basket in this phase")
async def my_ballot(phase_id: Id, access: Voter, session: DbSession) -> BallotRead:
    return await service.my_ballot(session, access, phase_id)


@router.put("/basket", summary="Compose your budget basket (counted once submitted)")
async def save_basket(
    phase_id: Id, payload: BasketUpdate, access: Voter, session: DbSession
) -> BallotRead:
    return await service.save_basket(session, access, phase_id, payload.input_ids)


@router.post(
    "/basket/submission",
    response_model=BallotRead,
    summary="Submit your basket; submitting again replaces it until the phase ends",
)
async def submit_basket(
    phase_id: Id,
    access: Voter,
    session: DbSession,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    return await run_once(
        session,
        tenant=access.tenant,
        user_id=access.user.user_id,
        key=idempotency_key,
        operation=f"basket:{access.project.project_id}:{phase_id}",
        payload={},
        status_code=status.HTTP_200_OK,
        work=lambda: service.submit_basket(session, access, phase_id),
    )
