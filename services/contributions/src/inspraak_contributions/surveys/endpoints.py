"""Answering a phase's survey or poll: save drafts, submit once."""

from typing import Annotated

from fastapi import APIRouter, Path, status
from fastapi.responses import JSONResponse

from inspraak_contributions.idempotency.service import IdempotencyKey, run_once
from inspraak_contributions.surveys import service
from inspraak_contributions.surveys.auth import Respondent
from inspraak_contributions.surveys.schemas import AnswersIn, ResponseRead, SubmitIn
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}/phases/{phase_id}", tags=["surveys"])
Id = Annotated[str, Path(max_length=64)]


@router.get("/survey-response", summary="Your response to this phase's survey")
async def my_response(phase_id: Id, access: Respondent, session: DbSession) -> ResponseRead:
    return await service.mine(session, access, phase_id)


@router.put("/survey-response", summary="Save your answers as a draft")
async def save_draft(
    phase_id: Id, payload: AnswersIn, access: Respondent, session: DbSession
) -> ResponseRead:
    return await service.save_draft(session, access, phase_id, payload.answers)


@router.post(
    "/survey-response/submission",
    status_code=status.HTTP_201_CREATED,
    response_model=ResponseRead,
    summary="Submit your answers (once per phase)",
)
async def submit(
    phase_id: Id,
    payload: SubmitIn,
    access: Respondent,
    session: DbSession,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    return await run_once(
        session,
        tenant=access.tenant,
        user_id=access.user.user_id,
        key=idempotency_key,
        operation=f"survey:{access.project.project_id}:{phase_id}",
        payload=payload,
        status_code=status.HTTP_201_CREATED,
        work=lambda: service.submit(session, access, phase_id, payload.answers),
    )
