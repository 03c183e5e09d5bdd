"""Reports by residents, and the moderation queue and decisions per project."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from inspraak_contributions.moderation import service
from inspraak_contributions.moderation.auth import Moderator, Reporter
from inspraak_contributions.moderation.schemas import (
    ActionRead,
    Decision,
    QueueItem,
    QueueState,
    ReportCreate,
    ReportRead,
)
from inspraak_contributions.reactions.schemas import ItemType
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}", tags=["moderation"])
Id = Annotated[str, Path(max_length=64)]


@router.post(
    "/reports",
    status_code=status.HTTP_201_CREATED,
    summary="Report an input or comment as spam or abusive",
)
async def report(payload: ReportCreate, access: Reporter, session: DbSession) -> ReportRead:
    return service.report_read(await service.report(session, access, payload))


@router.get("/moderation/queue", summary="New, reported or hidden items of the project")
async def moderation_queue(
    access: Moderator,
    session: DbSession,
    state: Annotated[QueueState, Query()] = QueueState.NEW,
) -> list[QueueItem]:
    return await service.queue(session, access, state)


@router.get("/moderation/actions", summary="Who hid, showed or reviewed what, and why")
async def moderation_actions(access: Moderator, session: DbSession) -> list[ActionRead]:
    return await service.history(session, access)


@router.post(
    "/moderation/{item_type}/{item_id}/hide",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Hide an item, with a reason",
)
async def hide(
    item_type: ItemType, item_id: Id, decision: Decision, access: Moderator, session: DbSession
) -> Response:
    await service.set_hidden(
        session, access, item_type, item_id, hidden=True, reason=decision.reason
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/moderation/{item_type}/{item_id}/unhide",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Show a hidden item again, with a reason",
)
async def unhide(
    item_type: ItemType, item_id: Id, decision: Decision, access: Moderator, session: DbSession
) -> Response:
    await service.set_hidden(
        session, access, item_type, item_id, hidden=False, reason=decision.reason
    )
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/moderation/{item_type}/{item_id}/review",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Mark an item as seen and dismiss its open reports",
)
async def review(
    item_type: ItemType, item_id: Id, access: Moderator, session: DbSession
) -> Response:
    await service.review(session, access, item_type, item_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
