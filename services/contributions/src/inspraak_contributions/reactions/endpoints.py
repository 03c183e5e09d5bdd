"""Up or down reactions on inputs and comments: one per person per item."""

from typing import Annotated

from fastapi import APIRouter, Path

from inspraak_contributions.reactions import service
from inspraak_contributions.reactions.auth import Reactor
from inspraak_contributions.reactions.schemas import ItemType, ReactionSet, ReactionState
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}", tags=["reactions"])
Id = Annotated[str, Path(max_length=64)]


@router.put("/inputs/{input_id}/reaction", summary="React up or down to an input")
async def react_to_input(
    input_id: Id, payload: ReactionSet, access: Reactor, session: DbSession
) -> ReactionState:
    return await service.set_reaction(session, access, ItemType.INPUT, input_id, payload.value)


@router.delete("/inputs/{input_id}/reaction", summary="Withdraw your reaction to an input")
async def withdraw_input_reaction(
    input_id: Id, access: Reactor, session: DbSession
) -> ReactionState:
    return await service.set_reaction(session, access, ItemType.INPUT, input_id, None)


@router.put("/comments/{comment_id}/reaction", summary="React up or down to a comment")
async def react_to_comment(
    comment_id: Id, payload: ReactionSet, access: Reactor, session: DbSession
) -> ReactionState:
    return await service.set_reaction(session, access, ItemType.COMMENT, comment_id, payload.value)


@router.delete("/comments/{comment_id}/reaction", summary="Withdraw your reaction to a comment")
async def withdraw_comment_reaction(
    comment_id: Id, access: Reactor, session: DbSession
) -> ReactionState:
    return await service.set_reaction(session, access, ItemType.COMMENT, comment_id, None)
