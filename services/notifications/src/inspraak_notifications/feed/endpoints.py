"""The in-app notification feed of the signed-in person."""

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, status

from inspraak_notifications.dependencies import CurrentClock, Settings
from inspraak_notifications.feed import service
from inspraak_notifications.feed.auth import Reader
from inspraak_notifications.feed.schemas import FeedPage, MarkedRead, UnreadCount
from inspraak_notifications.i18n import Language
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1/me/notifications", tags=["feed"])


@router.get("", summary="My notifications, newest first")
async def list_notifications(
    session: DbSession,
    principal: Reader,
    settings: Settings,
    language: Language | None = None,
    unread: bool = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 30,
    before: datetime | None = None,
) -> FeedPage:
    return await service.page(
        session,
        principal,
        settings,
        language=language,
        limit=limit,
        before=before,
        unread_only=unread,
    )


@router.get("/unread-count", summary="How many of my notifications are unread")
async def unread_count(session: DbSession, principal: Reader) -> UnreadCount:
    return UnreadCount(unread_count=await service.unread_count(session, principal))


@router.post(
    "/{item_id}/read",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Mark one notification as read",
    responses={404: {"description": "No such notification of mine"}},
)
async def mark_read(
    item_id: str, session: DbSession, principal: Reader, clock: CurrentClock
) -> None:
    await service.mark_read(session, principal, item_id, clock.now())


@router.post("/read-all", summary="Mark all my notifications as read")
async def mark_all_read(session: DbSession, principal: Reader, clock: CurrentClock) -> MarkedRead:
    return MarkedRead(marked=await service.mark_all_read(session, principal, clock.now()))
