"""Moderation: reports by residents, the queue per project, hiding with a reason."""

import re
from collections import Counter

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.comments import repository as comments_repository
from inspraak_contributions.comments import service as comments
from inspraak_contributions.comments.models import Comment
from inspraak_contributions.inputs import repository as inputs_repository
from inspraak_contributions.inputs import service as inputs
from inspraak_contributions.inputs.models import Input
from inspraak_contributions.moderation import repository
from inspraak_contributions.moderation.events import item_reported
from inspraak_contributions.moderation.models import ModerationAction, Report
from inspraak_contributions.moderation.schemas import (
    ActionRead,
    QueueItem,
    QueueState,
    ReportCreate,
    ReportRead,
    ReportReason,
)
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.reactions.schemas import ItemType
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Conflict

_TAGS = re.compile(r"<[^>]+>")
EXCERPT_LENGTH = 280


async def _item(
    session: AsyncSession, access: ProjectAccess, item_type: ItemType, item_id: str
) -> Input | Comment:
    if item_type is ItemType.INPUT:
        return await inputs.get_visible(session, access, item_id, lock=True)
    row = await comments.get_visible(session, access, item_id, lock=True)
    if row.deleted_at is not None:
        raise problems.not_found("comment")
    return row


async def report(session: AsyncSession, access: ProjectAccess, payload: ReportCreate) -> Report:
    user = access.user
    await _item(session, access, payload.item_type, payload.item_id)
    row = await repository.add_report(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        item_type=payload.item_type.value,
        item_id=payload.item_id,
        reporter_user_id=user.user_id,
        reason=payload.reason.value,
        note=payload.note,
    )
    if row is None:
        raise problems.already_reported()
    enqueue(
        session,
        item_reported(
            tenant=access.tenant,
            project_id=access.project.project_id,
            item_type=row.item_type,
            item_id=row.item_id,
            reason=row.reason,
            open_reports=await repository.count_open(
                session, access.tenant, row.item_type, row.item_id
            ),
        ),
    )
    return row


def report_read(row: Report) -> ReportRead:
    return ReportRead(
        report_id=row.report_id,
        item_type=ItemType(row.item_type),
        item_id=row.item_id,
        reason=ReportReason(row.reason),
        created_at=row.created_at,
    )


async def _log(
    session: AsyncSession,
    access: ProjectAccess,
    item_type: ItemType,
    item_id: str,
    action: str,
    reason: str | None,
) -> None:
    user = access.user
    await repository.log_action(
        session,
        ModerationAction(
            tenant=access.tenant,
            project_id=access.project.project_id,
            item_type=item_type.value,
            item_id=item_id,
            action=action,
            reason=reason,
            actor_user_id=user.user_id,
            actor_username=user.username,
        ),
    )


async def set_hidden(
    session: AsyncSession,
    access: ProjectAccess,
    item_type: ItemType,
    item_id: str,
    *,
    hidden: bool,
    reason: str,
) -> None:
    row = await _item(session, access, item_type, item_id)
    if row.hidden == hidden:
        raise Conflict(
            "The item is already hidden." if hidden else "The item is not hidden.",
            slug="already-hidden" if hidden else "not-hidden",
        )
    if isinstance(row, Input):
        await inputs.set_hidden(session, row, hidden=hidden, reason=reason)
    else:
        await comments.set_hidden(session, row, hidden=hidden, reason=reason)
    if hidden:
        await repository.resolve(session, access.tenant, item_type.value, item_id, "hidden")
    await _log(session, access, item_type, item_id, "hide" if hidden else "unhide", reason)


async def review(
    session: AsyncSession, access: ProjectAccess, item_type: ItemType, item_id: str
) -> None:
    """Seen and fine: leaves the `new` list, its open reports are dismissed."""
    await _item(session, access, item_type, item_id)
    if item_type is ItemType.INPUT:
        await inputs_repository.mark_reviewed(session, access.tenant, item_id)
    else:
        await comments_repository.mark_reviewed(session, access.tenant, item_id)
    await repository.resolve(session, access.tenant, item_type.value, item_id, "dismissed")
    await _log(session, access, item_type, item_id, "review", None)


def _excerpt(text: str) -> str:
    plain = " ".join(_TAGS.sub(" ", text).split())
    return plain if len(plain) <= EXCERPT_LENGTH else plain[: EXCERPT_LENGTH - 1] + "…"


async def queue(session: AsyncSession, access: ProjectAccess, state: QueueState) -> list[QueueItem]:
    tenant, project_id = access.tenant, access.project.project_id
    reports = await repository.open_reports(session, tenant, project_id)
    reasons: dict[tuple[str, str], Counter[str]] = {}
    for r in reports:
        reasons.setdefault((r.item_type, r.item_id), Counter())[r.reason] += 1
    if state is QueueState.REPORTED:
        input_rows = await inputs_repository.for_moderation(
            session,
            tenant,
            project_id,
            input_ids=[i for t, i in reasons if t == ItemType.INPUT],
        )
        comment_rows = await comments_repository.for_moderation(
            session,
            tenant,
            project_id,
            comment_ids=[i for t, i in reasons if t == ItemType.COMMENT],
        )
    else:
        filters = (
            {"hidden": False, "reviewed": False} if state is QueueState.NEW else {"hidden": True}
        )
        input_rows = await inputs_repository.for_moderation(session, tenant, project_id, **filters)
        comment_rows = await comments_repository.for_moderation(
            session, tenant, project_id, **filters
        )
    items = [_input_item(r, reasons) for r in input_rows] + [
        _comment_item(r, reasons) for r in comment_rows
    ]
    return sorted(items, key=lambda item: item.created_at)


def _input_item(row: Input, reasons: dict[tuple[str, str], Counter[str]]) -> QueueItem:
    counted = reasons.get((ItemType.INPUT.value, row.input_id), Counter())
    return QueueItem(
        item_type=ItemType.INPUT,
        item_id=row.input_id,
        input_id=row.input_id,
        title=row.title,
        excerpt=_excerpt(row.body),
        author=inputs.author_read(row.author_username, row.author_erased),
        official=False,
        created_at=row.created_at,
        hidden=row.hidden,
        hidden_reason=row.hidden_reason,
        reviewed=row.reviewed,
        open_reports=sum(counted.values()),
        report_reasons=dict(counted),
    )


def _comment_item(row: Comment, reasons: dict[tuple[str, str], Counter[str]]) -> QueueItem:
    counted = reasons.get((ItemType.COMMENT.value, row.comment_id), Counter())
    return QueueItem(
        item_type=ItemType.COMMENT,
        item_id=row.comment_id,
        input_id=row.input_id,
        title=None,
        excerpt=_excerpt(row.body),
        author=inputs.author_read(row.author_username, row.author_erased),
        official=row.official,
        created_at=row.created_at,
        hidden=row.hidden,
        hidden_reason=row.hidden_reason,
        reviewed=row.reviewed,
        open_reports=sum(counted.values()),
        report_reasons=dict(counted),
    )


async def history(session: AsyncSession, access: ProjectAccess) -> list[ActionRead]:
    rows = await repository.actions_for(session, access.tenant, access.project.project_id)
    return [
        ActionRead(
            item_type=ItemType(r.item_type),
            item_id=r.item_id,
            action=r.action,
            reason=r.reason,
            actor_username=r.actor_username,
            created_at=r.created_at,
        )
        for r in rows
    ]
