"""Adding to people's feeds, and reading and marking them."""

from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications import links
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.directory import service as directory
from inspraak_notifications.feed import repository
from inspraak_notifications.feed.models import FeedItem
from inspraak_notifications.feed.schemas import FeedItemRead, FeedPage
from inspraak_notifications.i18n import Language
from inspraak_notifications.kinds import NotificationType
from inspraak_notifications.mail.render import RenderContext, subject_of
from inspraak_notifications.privacy import scrub_names
from inspraak_shared.auth import Principal
from inspraak_shared.problems import NotFound


async def add(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    kind: NotificationType,
    params: dict[str, Any],
    dedupe_key: str,
    at: datetime,
    actor_user_id: str | None = None,
) -> bool:
    return await repository.add(
        session,
        FeedItem(
            tenant=tenant,
            user_id=user_id,
            kind=kind,
            params=params,
            dedupe_key=dedupe_key,
            created_at=at,
            actor_user_id=actor_user_id,
        ),
    )


async def page(
    session: AsyncSession,
    principal: Principal,
    settings: NotificationsSettings,
    *,
    language: Language | None,
    limit: int,
    before: datetime | None,
    unread_only: bool,
) -> FeedPage:
    look = await directory.look(session, principal.tenant)
    context = RenderContext(
        look=look,
        language=await directory.language_of(session, principal, language),
        web_base=links.web_base(settings, look),
        preferences_url=links.preferences_url(settings, look),
    )
    items = await repository.page(
        session,
        principal.tenant,
        principal.user_id,
        limit=limit,
        before=before,
        unread_only=unread_only,
    )
    return FeedPage(
        items=[_read(item, context) for item in items],
        unread_count=await repository.unread_count(session, principal.tenant, principal.user_id),
    )


def _read(item: FeedItem, context: RenderContext) -> FeedItemRead:
    kind = NotificationType(item.kind)
    path = item.params.get("path")
    return FeedItemRead(
        id=item.id,
        kind=kind,
        title=" ".join(subject_of(kind, item.params, context).split()),
        link=f"{context.web_base}{path}" if path else item.params.get("url"),
        created_at=item.created_at,
        read_at=item.read_at,
    )


async def unread_count(session: AsyncSession, principal: Principal) -> int:
    return await repository.unread_count(session, principal.tenant, principal.user_id)


async def mark_read(
    session: AsyncSession, principal: Principal, item_id: str, at: datetime
) -> None:
    """Idempotent; another person's item is as unknown as a missing one."""
    if await repository.item(session, principal.tenant, principal.user_id, item_id) is None:
        raise NotFound("There is no such notification.", slug="notification-not-found")
    await repository.mark_read(session, principal.tenant, principal.user_id, item_id, at)


async def mark_all_read(session: AsyncSession, principal: Principal, at: datetime) -> int:
    return await repository.mark_all_read(session, principal.tenant, principal.user_id, at)


async def erase(session: AsyncSession, tenant: str, user_id: str) -> None:
    """The person's own feed goes; elsewhere their username is removed from what they did."""
    await repository.delete_for(session, tenant, user_id)
    for item in await repository.about(session, tenant, user_id):
        item.params = scrub_names(item.params)
        item.actor_user_id = None
        session.add(item)
