"""Inputs (ideas, map input) of a project."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from inspraak_contributions.config import Settings
from inspraak_contributions.inputs import service
from inspraak_contributions.inputs.auth import InputAuthor, InputModerator, InputReader
from inspraak_contributions.inputs.schemas import (
    CostChange,
    InputCreate,
    InputPage,
    InputRead,
    InputStatus,
    InputUpdate,
    StatusChange,
)
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}", tags=["inputs"])
Id = Annotated[str, Path(max_length=64)]


@router.post(
    "/phases/{phase_id}/inputs",
    status_code=status.HTTP_201_CREATED,
    summary="Post an input in an open ideation or spatial plan phase",
)
async def create_input(
    phase_id: Id, payload: InputCreate, access: InputAuthor, session: DbSession
) -> InputRead:
    row = await service.create(session, access, phase_id, payload)
    return await service.read_one(session, access, row)


@router.get("/inputs", summary="The project's inputs, newest first")
async def list_inputs(
    access: InputReader,
    session: DbSession,
    phase_id: Annotated[str | None, Query(max_length=64)] = None,
    topic_id: Annotated[str | None, Query(max_length=64)] = None,
    area_id: Annotated[str | None, Query(max_length=64)] = None,
    input_status: Annotated[InputStatus | None, Query(alias="status")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> InputPage:
    return await service.list_page(
        session,
        access,
        phase_id=phase_id,
        topic_id=topic_id,
        area_id=area_id,
        status=input_status,
        cursor=cursor,
        limit=limit,
    )


@router.get("/inputs/{input_id}", summary="One input")
async def get_input(input_id: Id, access: InputReader, session: DbSession) -> InputRead:
    row = await service.get_visible(session, access, input_id)
    return await service.read_one(session, access, row)


@router.patch("/inputs/{input_id}", summary="Edit your own input within the grace period")
async def update_input(
    input_id: Id,
    payload: InputUpdate,
    access: InputAuthor,
    session: DbSession,
    settings: Settings,
) -> InputRead:
    row = await service.update(session, access, input_id, payload, settings.edit_grace_minutes)
    return await service.read_one(session, access, row)


@router.delete(
    "/inputs/{input_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete your own input within the grace period",
)
async def delete_input(
    input_id: Id, access: InputAuthor, session: DbSession, settings: Settings
) -> Response:
    await service.delete(session, access, input_id, settings.edit_grace_minutes)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/inputs/{input_id}/status",
    summary="Set the input's status, with an official response visible to everyone",
)
async def change_status(
    input_id: Id, change: StatusChange, access: InputModerator, session: DbSession
) -> InputRead:
    row = await service.change_status(session, access, input_id, change)
    return await service.read_one(session, access, row)


@router.put("/inputs/{input_id}/cost", summary="Set what carrying the input out would cost")
async def change_cost(
    input_id: Id, change: CostChange, access: InputModerator, session: DbSession
) -> InputRead:
    row = await service.change_cost(session, access, input_id, change)
    return await service.read_one(session, access, row)
