"""Comments on inputs, and official replies by the municipality."""

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from inspraak_contributions.comments import service
from inspraak_contributions.comments.auth import CommentReader, CommentWriter
from inspraak_contributions.comments.schemas import CommentCreate, CommentRead, CommentUpdate
from inspraak_contributions.config import Settings
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}", tags=["comments"])
Id = Annotated[str, Path(max_length=64)]


@router.post(
    "/inputs/{input_id}/comments",
    status_code=status.HTTP_201_CREATED,
    summary="Comment on an input, reply to a comment, or reply as the municipality",
)
async def create_comment(
    input_id: Id, payload: CommentCreate, access: CommentWriter, session: DbSession
) -> CommentRead:
    row = await service.create(session, access, input_id, payload)
    return await service.read_one(session, access, row)


@router.get("/inputs/{input_id}/comments", summary="The input's comments as threads")
async def list_comments(
    input_id: Id, access: CommentReader, session: DbSession
) -> list[CommentRead]:
    return await service.thread(session, access, input_id)


@router.patch("/comments/{comment_id}", summary="Edit your own comment within the grace period")
async def update_comment(
    comment_id: Id,
    payload: CommentUpdate,
    access: CommentWriter,
    session: DbSession,
    settings: Settings,
) -> CommentRead:
    row = await service.update(session, access, comment_id, payload, settings.edit_grace_minutes)
    return await service.read_one(session, access, row)


@router.delete(
    "/comments/{comment_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete your own comment within the grace period",
)
async def delete_comment(
    comment_id: Id, access: CommentWriter, session: DbSession, settings: Settings
) -> Response:
    await service.delete(session, access, comment_id, settings.edit_grace_minutes)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
