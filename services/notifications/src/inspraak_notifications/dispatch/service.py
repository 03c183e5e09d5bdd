"""Notifying people: a feed item, then e-mail now, in a digest, or not, as they chose."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.digests import service as digests
from inspraak_notifications.feed import service as feed
from inspraak_notifications.kinds import NotificationType
from inspraak_notifications.mail import service as mail
from inspraak_notifications.preferences import service as preferences


async def notify(
    session: AsyncSession,
    *,
    tenant: str,
    user_ids: Iterable[str],
    kind: NotificationType,
    params: dict[str, Any],
    key: str,
    at: datetime,
    actor_user_id: str | None = None,
    in_feed: bool = True,
) -> list[str]:
    """Notify each person once per `key` (usually the event id); return who was notified.

    Nobody is told about their own action. The feed item's unique key is the gate: a
    second call with the same key (a redelivered event) changes nothing.
    """
    notified = []
    for user_id in dict.fromkeys(user_ids):
        if not user_id or user_id == actor_user_id:
            continue
        dedupe_key = f"{key}:{kind}"
        if in_feed and not await feed.add(
            session,
            tenant=tenant,
            user_id=user_id,
            kind=kind,
            params=params,
            dedupe_key=dedupe_key,
            at=at,
            actor_user_id=actor_user_id,
        ):
            continue
        notified.append(user_id)
        choice = await preferences.choice(session, tenant, user_id, kind)
        if not choice.email:
            continue
        if choice.daily_digest:
            await digests.queue(
                session,
                tenant=tenant,
                user_id=user_id,
                kind=kind,
                params=params,
                at=at,
                actor_user_id=actor_user_id,
            )
            continue
        await mail.enqueue(
            session,
            tenant=tenant,
            kind=kind,
            user_id=user_id,
            dedupe_key=f"{dedupe_key}:{user_id}",
            params=params,
            at=at,
            actor_user_id=actor_user_id,
        )
    return notified


async def notify_address(
    session: AsyncSession,
    *,
    tenant: str,
    address: str,
    language: str | None,
    kind: NotificationType,
    params: dict[str, Any],
    key: str,
    at: datetime,
) -> bool:
    """Mail someone who has no account yet (an invitation)."""
    return await mail.enqueue(
        session,
        tenant=tenant,
        kind=kind,
        to_address=address,
        language=language,
        dedupe_key=f"{key}:{kind}:{address.lower()}",
        params=params,
        at=at,
    )
