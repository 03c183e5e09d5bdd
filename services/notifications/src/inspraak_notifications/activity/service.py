"""Recording participation facts from contributions events, and what changed for notifying."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.activity import repository
from inspraak_notifications.activity.models import (
    CommentFact,
    InputFact,
    InputOutcome,
    ReportFact,
    TallySample,
)
from inspraak_notifications.event_data import text, time_of
from inspraak_shared.events import CloudEvent

DECIDED_STATUSES = frozenset({"under_consideration", "accepted", "rejected", "implemented"})


@dataclass(frozen=True)
class InputChange:
    """An input snapshot that was newer than what we had, compared with what we had."""

    fact: InputFact
    created: bool
    status_changed: bool
    response_changed: bool


async def apply_input(session: AsyncSession, event: CloudEvent) -> InputChange | None:
    data = event.data
    input_id, project_id = text(data, "input_id"), text(data, "project_id")
    if input_id is None or project_id is None:
        return None
    before = await repository.input_fact_for_update(session, event.tenant, input_id)
    fact = InputFact(
        tenant=event.tenant,
        input_id=input_id,
        version=int(data.get("version") or 0),
        project_id=project_id,
        author_user_id=text(data, "author_user_id"),
        title=text(data, "title") or "",
        status=text(data, "status") or "proposed",
        official_response=text(data, "official_response"),
        hidden=bool(data.get("hidden")) or bool(data.get("deleted")),
        created_at=time_of(data, "created_at", event),
    )
    old_status = before.status if before else "proposed"
    old_response = before.official_response if before else None
    if before is not None:
        session.expunge(before)  # the upsert below replaces the row under it
    if not await repository.save_input(session, fact):
        return None
    status_changed = fact.status != old_status
    response_changed = bool(fact.official_response) and fact.official_response != old_response
    if status_changed:
        _outcome(session, event, fact, "status", fact.status)
    if response_changed:
        _outcome(session, event, fact, "response", fact.status)
    return InputChange(fact, before is None, status_changed, response_changed)


def _outcome(
    session: AsyncSession, event: CloudEvent, fact: InputFact, kind: str, status: str
) -> None:
    repository.add(
        session,
        InputOutcome(
            tenant=fact.tenant,
            input_id=fact.input_id,
            project_id=fact.project_id,
            kind=kind,
            status=status,
            at=event.time,
        ),
    )


async def apply_comment(session: AsyncSession, event: CloudEvent) -> bool:
    """Record a new comment; False when it was recorded before."""
    data = event.data
    comment_id, project_id = text(data, "comment_id"), text(data, "project_id")
    if comment_id is None or project_id is None:
        return False
    return await repository.save_comment(
        session,
        CommentFact(
            tenant=event.tenant,
            comment_id=comment_id,
            project_id=project_id,
            input_id=text(data, "input_id"),
            author_user_id=text(data, "author_user_id"),
            created_at=time_of(data, "created_at", event),
        ),
    )


def _tally_of(kind: str, data: dict[str, Any]) -> tuple[str | None, object]:
    """(key, running total) of a tally event: what is counted, and its total now."""
    if kind == "votes":  # votes.changed: per input (or budget item) of a phase
        return text(data, "input_id"), data.get("votes")
    if kind == "reactions":  # reaction.set: agree and disagree on an input or comment
        counts = data.get("counts") or {}
        up, down = counts.get("up"), counts.get("down")
        both = up + down if isinstance(up, int) and isinstance(down, int) else None
        return text(data, "item_id"), both
    if kind == "rankings":  # scenario.ranked: per scenario phase
        return text(data, "phase_id"), data.get("rankings")
    return text(data, "phase_id"), data.get("responses")  # survey.submitted: per phase


def apply_tally(session: AsyncSession, event: CloudEvent, kind: str) -> None:
    """A running total from a counts-only event (no event names a voter or respondent):
    `votes.changed`, `reaction.set`, `scenario.ranked` or `survey.submitted`."""
    data = event.data
    project_id = text(data, "project_id")
    key, value = _tally_of(kind, data)
    if project_id is None or key is None or not isinstance(value, int):
        return
    repository.add(
        session,
        TallySample(
            tenant=event.tenant,
            kind=kind,
            key=key,
            project_id=project_id,
            at=event.time,
            value=value,
        ),
    )


def apply_report(session: AsyncSession, event: CloudEvent) -> None:
    data = event.data
    project_id, item_id = text(data, "project_id"), text(data, "item_id")
    if project_id is None or item_id is None:
        return
    repository.add(
        session,
        ReportFact(
            tenant=event.tenant,
            project_id=project_id,
            item_type=text(data, "item_type") or "input",
            item_id=item_id,
            at=event.time,
        ),
    )


async def apply_registration(session: AsyncSession, event: CloudEvent) -> None:
    user_id = text(event.data, "user_id")
    if user_id is not None:
        await repository.save_registration(session, event.tenant, user_id, event.time)


async def erase(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.pseudonymise(session, tenant, user_id, f"erased-{uuid.uuid4().hex}")


@dataclass
class ProjectActivity:
    inputs: int = 0
    comments: int = 0
    reports: int = 0
    participants: set[str] | None = None

    def participant_count(self) -> int:
        return len(self.participants or ())


async def activity_by_project(
    session: AsyncSession, tenant: str, start: datetime, end: datetime
) -> dict[str, ProjectActivity]:
    """Inputs, comments, reports and distinct participants per project in [start, end)."""
    result: dict[str, ProjectActivity] = {}
    for kind, project_id, author, _ in await repository.contributions_between(
        session, tenant, start, end
    ):
        entry = result.setdefault(project_id, ProjectActivity(participants=set()))
        if kind == "input":
            entry.inputs += 1
        else:
            entry.comments += 1
        if author and entry.participants is not None:
            entry.participants.add(author)
    for project_id, count in (
        await repository.reports_between(session, tenant, start, end)
    ).items():
        result.setdefault(project_id, ProjectActivity(participants=set())).reports += count
    return result


async def input_fact(session: AsyncSession, tenant: str, input_id: str) -> InputFact | None:
    return await repository.input_fact(session, tenant, input_id)
