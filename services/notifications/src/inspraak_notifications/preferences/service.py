"""What a person wants to receive, changing it, and one-click unsubscribing."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.i18n import Language
from inspraak_notifications.kinds import (
    CONFIGURABLE,
    DIGESTIBLE,
    MANDATORY,
    NotificationType,
    preference_type,
)
from inspraak_notifications.mail.texts import TYPE_NAMES
from inspraak_notifications.preferences import repository
from inspraak_notifications.preferences.schemas import PreferenceRead, PreferenceUpdate
from inspraak_notifications.preferences.tokens import UnsubscribeClaim, sign, verify
from inspraak_shared.auth import Principal
from inspraak_shared.problems import Conflict, NotFound, UnprocessableContent


@dataclass(frozen=True)
class Choice:
    email: bool
    daily_digest: bool


async def choice(
    session: AsyncSession, tenant: str, user_id: str, kind: NotificationType
) -> Choice:
    """What applies to a notification of `kind` (a digest follows its underlying type)."""
    if kind in MANDATORY:
        return Choice(email=True, daily_digest=False)
    row = await repository.preference(session, tenant, user_id, preference_type(kind))
    if row is None:
        return Choice(email=True, daily_digest=False)
    return Choice(email=row.email, daily_digest=row.daily_digest and kind in DIGESTIBLE)


async def listing(
    session: AsyncSession, principal: Principal, language: Language
) -> list[PreferenceRead]:
    rows = {
        r.kind: r
        for r in await repository.preferences(session, principal.tenant, principal.user_id)
    }
    return [
        PreferenceRead(
            kind=kind,
            name=TYPE_NAMES[kind][language],
            email=rows[kind].email if kind in rows else True,
            daily_digest=bool(rows[kind].daily_digest) if kind in rows else False,
            daily_digest_available=kind in DIGESTIBLE,
        )
        for kind in CONFIGURABLE
    ]


async def change(
    session: AsyncSession,
    principal: Principal,
    kind: NotificationType,
    update: PreferenceUpdate,
    at: datetime,
) -> None:
    if kind in MANDATORY or kind not in CONFIGURABLE:
        raise Conflict(
            "This is a service message or a digest of another type; it cannot be turned off here.",
            slug="not-configurable",
        )
    if update.daily_digest and kind not in DIGESTIBLE:
        raise UnprocessableContent(
            "A daily digest is only available for new input in your projects.",
            slug="no-digest",
        )
    await repository.save(
        session,
        tenant=principal.tenant,
        user_id=principal.user_id,
        kind=kind,
        email=update.email,
        daily_digest=update.daily_digest,
        at=at,
    )


def unsubscribe_token(secret: str, tenant: str, user_id: str, kind: NotificationType) -> str:
    return sign(secret, UnsubscribeClaim(tenant, user_id, preference_type(kind)))


def read_token(secret: str, token: str, tenant: str) -> tuple[UnsubscribeClaim, NotificationType]:
    """The claim of a valid token for this tenant; anything else is unknown (404)."""
    claim = verify(secret, token)
    if claim is None or claim.tenant != tenant or claim.kind not in CONFIGURABLE:
        raise NotFound("This unsubscribe link is not valid.", slug="unsubscribe-link-invalid")
    return claim, NotificationType(claim.kind)


async def unsubscribe(session: AsyncSession, claim: UnsubscribeClaim, at: datetime) -> None:
    await repository.save(
        session,
        tenant=claim.tenant,
        user_id=claim.user_id,
        kind=claim.kind,
        email=False,
        daily_digest=None,
        at=at,
    )


async def erase(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.delete_for(session, tenant, user_id)
