"""Preparing each period's update as a draft, editing it, and sending it exactly once."""

from datetime import datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications import links
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.directory import service as directory
from inspraak_notifications.directory.models import TenantInfo
from inspraak_notifications.directory.repository import tenant as tenant_info
from inspraak_notifications.dispatch.service import notify
from inspraak_notifications.i18n import Language
from inspraak_notifications.kinds import NotificationType
from inspraak_notifications.mail.render import PolicyCopy, RenderContext, render
from inspraak_notifications.policy_updates import repository
from inspraak_notifications.policy_updates.chart import participation_chart
from inspraak_notifications.policy_updates.figures import compute
from inspraak_notifications.policy_updates.models import PolicyUpdate, PolicyUpdateSettings
from inspraak_notifications.policy_updates.periods import Period, due_period, period
from inspraak_notifications.policy_updates.schemas import (
    PolicyUpdateRead,
    PolicyUpdateSettingsRead,
    PolicyUpdateSettingsWrite,
    PolicyUpdateSummary,
)
from inspraak_shared.auth import Principal, TenantRole
from inspraak_shared.problems import Conflict, NotFound

DEFAULT_AUTO_SEND_DAYS = 7


async def _settings_row(session: AsyncSession, tenant: str) -> PolicyUpdateSettings:
    return await repository.settings(session, tenant) or PolicyUpdateSettings(
        tenant=tenant, auto_send_after_days=DEFAULT_AUTO_SEND_DAYS
    )


async def launch_of(session: AsyncSession, info: TenantInfo) -> datetime:
    row = await repository.settings(session, info.slug)
    return row.launch_at if row and row.launch_at else info.first_seen_at


async def read_settings(session: AsyncSession, tenant: str) -> PolicyUpdateSettingsRead:
    info = await tenant_info(session, tenant)
    if info is None:
        raise NotFound("This municipality is not set up yet.", slug="tenant-unknown")
    row = await _settings_row(session, tenant)
    return PolicyUpdateSettingsRead(
        launch_at=row.launch_at or info.first_seen_at, auto_send_after_days=row.auto_send_after_days
    )


async def write_settings(
    session: AsyncSession, tenant: str, body: PolicyUpdateSettingsWrite, now: datetime
) -> PolicyUpdateSettingsRead:
    current = await read_settings(session, tenant)
    row = await _settings_row(session, tenant)
    if body.launch_at is not None and body.launch_at != current.launch_at:
        # Discard first, check after: a send racing with this either waits for the
        # discard (and finds no draft) or commits first (and is counted below).
        await repository.discard_drafts(session, tenant)
        if await repository.count_sent(session, tenant):
            raise Conflict(
                "The launch date cannot move once an update was sent.", slug="launch-fixed"
            )
        row.launch_at = body.launch_at
    row.auto_send_after_days = body.auto_send_after_days
    row.updated_at = now
    await repository.save_settings(session, row)
    info = await tenant_info(session, tenant)
    if info is not None:
        # The new launch's due update at once: the superadmin who moved it sees the draft
        # now, not at the scheduler's next round.
        await prepare_due(session, info, now)
    return await read_settings(session, tenant)


async def _chart(session: AsyncSession, tenant: str, figures: dict[str, Any]) -> bytes:
    look = await directory.look(session, tenant)
    weeks = [(int(w["participants"]), bool(w["current"])) for w in figures.get("weeks", [])]
    return participation_chart(weeks, look.primary_color)


async def prepare_due(
    session: AsyncSession, info: TenantInfo, now: datetime
) -> PolicyUpdate | None:
    """Draft the update of the latest due period, unless it exists; None when nothing new."""
    launch = await launch_of(session, info)
    await _discard_stale(session, info.slug, launch)
    due = due_period(launch, now)
    if due is None or await repository.exists(session, info.slug, due.index):
        return None
    figures = await compute(session, info.slug, due)
    days = (await _settings_row(session, info.slug)).auto_send_after_days
    draft = PolicyUpdate(
        tenant=info.slug,
        period_index=due.index,
        period_start=due.start,
        period_end=due.end,
        figures=figures,
        chart_png=await _chart(session, info.slug, figures),
        auto_send_at=due.end + timedelta(days=days) if days is not None else None,
        created_at=now,
    )
    return draft if await repository.create_draft(session, draft) else None


async def _discard_stale(session: AsyncSession, tenant: str, launch: datetime) -> None:
    """Drop drafts of periods the launch no longer gives (one prepared while it moved)."""
    for draft in await repository.drafts(session, tenant):
        current = period(launch, draft.period_index)
        if (draft.period_start, draft.period_end) != (current.start, current.end):
            await repository.discard_drafts(session, tenant, draft.id)


async def send_due(session: AsyncSession, tenant: str, now: datetime) -> int:
    """Send the drafts whose waiting time is over, once the tenant has policy makers."""
    if not await directory.policy_makers(session, tenant):
        return 0  # nobody to send to yet: the draft waits for the first policy maker
    sent = 0
    for update_id in await repository.due_drafts(session, tenant, now):
        await send(session, tenant, update_id, now, sender=None)
        sent += 1
    return sent


async def _sender(
    session: AsyncSession, row: PolicyUpdate, sender: Principal | None
) -> tuple[str | None, str | None]:
    """Who sends: the superadmin who pressed send, who edited the draft, or the longest-serving."""
    if sender is not None:
        return sender.user_id, sender.username
    if row.sender_user_id:
        return row.sender_user_id, row.sender_username
    for user_id in await directory.superadmins(session, row.tenant):
        person = await directory.person(session, row.tenant, user_id)
        return user_id, person.username if person else None
    return None, None


async def send(
    session: AsyncSession, tenant: str, update_id: str, now: datetime, *, sender: Principal | None
) -> PolicyUpdate:
    row = await repository.get(session, tenant, update_id)
    if row is None:
        raise NotFound("There is no such update.", slug="policy-update-not-found")
    if row.status != "draft":
        raise Conflict("This update was sent already.", slug="policy-update-sent")
    policy_makers = await directory.policy_makers(session, tenant)
    if not policy_makers:
        raise Conflict("There are no policy makers to send it to yet.", slug="no-policy-makers")
    # Late events may have come in since the draft: the sent copy has the final figures.
    figures = await compute(session, tenant, await _period_of(session, row))
    sender_id, sender_name = await _sender(session, row, sender)
    values = {
        "sent_at": now,
        "figures": figures,
        "chart_png": await _chart(session, tenant, figures),
        "sender_user_id": sender_id,
        "sender_username": sender_name,
    }
    if not await repository.mark_sent(session, tenant, update_id, values):
        raise Conflict("This update was sent already.", slug="policy-update-sent")
    recipients = await notify(
        session,
        tenant=tenant,
        user_ids=policy_makers,
        kind=NotificationType.POLICY_UPDATE,
        params={"policy_update_id": update_id, "path": links.policy_update(update_id)},
        key=f"policy-update:{update_id}",
        at=now,
    )
    await session.refresh(row)
    row.recipients = len(recipients)
    session.add(row)
    await session.flush()
    return row


async def _period_of(session: AsyncSession, row: PolicyUpdate) -> Period:
    # Moving the launch discards the drafts; one the scheduler prepared from the old launch
    # meanwhile must not go out for a period that no longer applies (it is prepared anew).
    info = await tenant_info(session, row.tenant)
    if info is None:
        return Period(row.period_end, row.period_index, row.period_start, row.period_end)
    current = period(await launch_of(session, info), row.period_index)
    if (current.start, current.end) != (row.period_start, row.period_end):
        raise Conflict(
            "The launch moved: this update is being prepared anew.", slug="policy-update-stale"
        )
    return current


async def edit(
    session: AsyncSession, principal: Principal, update_id: str, introduction: str | None
) -> PolicyUpdateRead:
    row = await _visible(session, principal, update_id)
    text = introduction.strip() if introduction else None
    if not await repository.set_introduction(
        session, principal.tenant, update_id, text or None, (principal.user_id, principal.username)
    ):
        raise Conflict("This update was sent already.", slug="policy-update-sent")
    await session.refresh(row)
    return _read(row, await _figures_now(session, row))


def _summary_fields(row: PolicyUpdate) -> dict[str, Any]:
    return {
        "id": row.id,
        "period_index": row.period_index,
        "period_start": row.period_start,
        "period_end": row.period_end,
        "status": row.status,
        "auto_send_at": row.auto_send_at,
        "sent_at": row.sent_at,
        "recipients": row.recipients,
    }


def _read(row: PolicyUpdate, figures: dict[str, Any]) -> PolicyUpdateRead:
    return PolicyUpdateRead(
        **_summary_fields(row),
        introduction=row.introduction,
        sender_username=row.sender_username,
        figures=figures,
    )


async def _figures_now(session: AsyncSession, row: PolicyUpdate) -> dict[str, Any]:
    """A sent update's figures as sent; a draft's as they would go out now.

    Sending computes the figures again (events may arrive after the draft was prepared),
    so the superadmin reviewing a draft sees those, not the ones of the moment it was made.
    """
    if row.status != "draft":
        return row.figures
    try:
        current = await _period_of(session, row)
    except Conflict:
        return row.figures  # stale: it is being prepared anew
    return await compute(session, row.tenant, current)


def _drafts_visible(principal: Principal) -> bool:
    return principal.has_role(TenantRole.SUPERADMIN)


async def _visible(session: AsyncSession, principal: Principal, update_id: str) -> PolicyUpdate:
    """A draft exists only for the superadmin; to others it is unknown."""
    row = await repository.get(session, principal.tenant, update_id)
    if row is None or (row.status != "sent" and not _drafts_visible(principal)):
        raise NotFound("There is no such update.", slug="policy-update-not-found")
    return row


async def listing(session: AsyncSession, principal: Principal) -> list[PolicyUpdateSummary]:
    rows = await repository.listing(
        session, principal.tenant, sent_only=not _drafts_visible(principal)
    )
    return [PolicyUpdateSummary(**_summary_fields(row)) for row in rows]


async def detail(session: AsyncSession, principal: Principal, update_id: str) -> PolicyUpdateRead:
    row = await _visible(session, principal, update_id)
    return _read(row, await _figures_now(session, row))


async def chart(session: AsyncSession, principal: Principal, update_id: str) -> bytes:
    return (await _visible(session, principal, update_id)).chart_png


async def for_mail(session: AsyncSession, tenant: str, update_id: str) -> PolicyUpdate | None:
    return await repository.get(session, tenant, update_id)


def copy_of(
    row: PolicyUpdate, tenant_name: str, figures: dict[str, Any] | None = None
) -> PolicyCopy:
    return PolicyCopy(
        index=row.period_index,
        figures=row.figures if figures is None else figures,
        introduction=row.introduction,
        sender_name=row.sender_username or tenant_name,
        chart_png=row.chart_png,
        path=links.policy_update(row.id),
    )


async def preview(
    session: AsyncSession,
    principal: Principal,
    update_id: str,
    language: Language,
    settings: NotificationsSettings,
) -> str:
    """The update as policy makers get it (the draft as it would go out now)."""
    row = await _visible(session, principal, update_id)
    look = await directory.look(session, principal.tenant)
    context = RenderContext(
        look=look,
        language=language,
        web_base=links.web_base(settings, look),
        preferences_url=links.preferences_url(settings, look),
        unsubscribe_url=links.preferences_url(settings, look),
        policy=copy_of(row, look.display_name, await _figures_now(session, row)),
        chart_src=f"{links.api_base(settings, look)}/v1/policy-updates/{row.id}/chart.png",
    )
    params = {"path": links.policy_update(row.id)}
    return render(NotificationType.POLICY_UPDATE, params, context).html


async def forget_sender(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.forget_sender(session, tenant, user_id)
