"""Rules for inputs: who posts when, where on the map, editing within the grace period."""

from datetime import datetime, timedelta
from typing import Any

import nh3
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.columns import utcnow
from inspraak_contributions.comments import repository as comments_repository
from inspraak_contributions.inputs import repository
from inspraak_contributions.inputs.events import input_event
from inspraak_contributions.inputs.models import Input
from inspraak_contributions.inputs.schemas import (
    AuthorRead,
    CostChange,
    Counts,
    InputCreate,
    InputPage,
    InputRead,
    InputStatus,
    InputUpdate,
    StatusChange,
)
from inspraak_contributions.projects import service as projects
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.projects.models import Project
from inspraak_contributions.projects.schemas import PhaseKind, ProjectStatus, VotingMethod
from inspraak_contributions.reactions import repository as reactions_repository
from inspraak_contributions.texts import FORMER_PARTICIPANT
from inspraak_contributions.votes import repository as votes_repository
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Conflict, UnprocessableContent

INPUT_PHASES = (PhaseKind.IDEATION, PhaseKind.SPATIAL_PLAN)
ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote", "h3", "h4"}
)


def sanitise(html: str) -> str:
    """Keep a small, safe subset of rich text; refuse what is empty once cleaned."""
    clean = nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    ).strip()
    if not nh3.clean(clean, tags=set()).strip():
        raise UnprocessableContent(
            "The text is empty once unsafe markup is removed.", slug="empty-body"
        )
    return clean


def _area(project: Project) -> BaseGeometry | None:
    geometry = project.area_geometry
    if not geometry:
        return None
    kind = geometry.get("type")
    if kind == "Feature":
        return shape(geometry["geometry"])
    if kind == "FeatureCollection":
        return unary_union([shape(f["geometry"]) for f in geometry.get("features", [])])
    return shape(geometry)


def _check_location(project: Project, location: dict[str, Any] | None) -> None:
    if location is None:
        return
    area = _area(project)
    if area is not None and not area.covers(shape(location)):
        raise problems.outside_project_area()


def _check_refs(project: Project, topic_id: str | None, area_id: str | None) -> None:
    if topic_id is not None and project.topics and topic_id not in project.topics:
        raise UnprocessableContent("This project has no such topic.", slug="unknown-topic")
    if area_id is not None and project.areas and area_id not in project.areas:
        raise UnprocessableContent("This project has no such area.", slug="unknown-area")


def within_grace(created_at: datetime, minutes: int) -> None:
    if utcnow() - created_at > timedelta(minutes=minutes):
        raise problems.grace_period_over(minutes)


async def counts_for(session: AsyncSession, tenant: str, input_ids: list[str]) -> dict[str, Counts]:
    comments = await comments_repository.count_by_input(session, tenant, input_ids)
    reactions = await reactions_repository.counts(session, tenant, "input", input_ids)
    votes = await votes_repository.count_by_input(session, tenant, input_ids)
    return {
        input_id: Counts(
            comments=comments.get(input_id, 0),
            up=reactions.get(input_id, {}).get("up", 0),
            down=reactions.get(input_id, {}).get("down", 0),
            votes=votes.get(input_id, 0),
        )
        for input_id in input_ids
    }


async def announce(session: AsyncSession, row: Input, verb: str) -> None:
    """Enqueue the input's snapshot; counted after the row lock, so later versions see more."""
    counts = (await counts_for(session, row.tenant, [row.input_id]))[row.input_id]
    enqueue(session, input_event(row, counts, verb))


def author_read(username: str | None, erased: bool) -> AuthorRead:
    if erased or username is None:
        return AuthorRead(username=None, former_participant=True, display=FORMER_PARTICIPANT)
    return AuthorRead(
        username=username,
        former_participant=False,
        display={"nl": username, "fr": username, "en": username},
    )


async def my_reactions(
    session: AsyncSession, access: ProjectAccess, item_type: str, item_ids: list[str]
) -> dict[str, str]:
    """The caller's own reaction per item, so a page can offer to withdraw it."""
    if access.principal is None:
        return {}
    return await reactions_repository.mine(
        session, access.tenant, item_type, item_ids, access.principal.user_id
    )


def to_read(
    row: Input, counts: Counts, access: ProjectAccess, my_reaction: str | None = None
) -> InputRead:
    viewer = access.principal
    return InputRead(
        input_id=row.input_id,
        version=row.version,
        project_id=row.project_id,
        phase_id=row.phase_id,
        author=author_read(row.author_username, row.author_erased),
        mine=viewer is not None and row.author_user_id == viewer.user_id,
        my_reaction=my_reaction,
        title=row.title,
        body=row.body,
        topic_id=row.topic_id,
        area_id=row.area_id,
        image_urls=row.image_urls,
        location=row.location,
        status=InputStatus(row.status),
        official_response=row.official_response,
        official_response_at=row.official_response_at,
        cost=row.cost,
        hidden=row.hidden,
        hidden_reason=row.hidden_reason if access.can_moderate else None,
        counts=counts,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def read_one(session: AsyncSession, access: ProjectAccess, row: Input) -> InputRead:
    counts = await counts_for(session, row.tenant, [row.input_id])
    mine = await my_reactions(session, access, "input", [row.input_id])
    return to_read(row, counts[row.input_id], access, mine.get(row.input_id))


async def get_visible(
    session: AsyncSession, access: ProjectAccess, input_id: str, *, lock: bool = False
) -> Input:
    """The input if the caller may see it: a hidden one only for moderators."""
    row = await repository.get(
        session, access.tenant, access.project.project_id, input_id, lock=lock
    )
    if row is None or (row.hidden and not access.can_moderate):
        raise problems.not_found("input")
    return row


async def create(
    session: AsyncSession, access: ProjectAccess, phase_id: str, payload: InputCreate
) -> Input:
    user = access.user
    project = access.project
    phase = await projects.get_phase(session, project, phase_id)
    projects.ensure_accepting(project, phase, INPUT_PHASES, user)
    _check_refs(project, payload.topic_id, payload.area_id)
    if phase.kind == PhaseKind.SPATIAL_PLAN and payload.location is None:
        raise UnprocessableContent(
            "Input in a spatial plan needs a location on the map.", slug="location-required"
        )
    _check_location(project, payload.location)
    row = await repository.add(
        session,
        Input(
            tenant=access.tenant,
            project_id=project.project_id,
            phase_id=phase.phase_id,
            author_user_id=user.user_id,
            author_username=user.username,
            title=payload.title,
            body=sanitise(payload.body),
            topic_id=payload.topic_id,
            area_id=payload.area_id,
            image_urls=[str(url) for url in payload.image_urls],
            location=payload.location,
        ),
    )
    await announce(session, row, "created")
    return row


async def _own_and_open(
    session: AsyncSession, access: ProjectAccess, input_id: str, grace_minutes: int
) -> Input:
    user = access.user
    row = await get_visible(session, access, input_id, lock=True)
    if row.author_user_id != user.user_id:
        raise problems.not_yours()
    within_grace(row.created_at, grace_minutes)
    phase = await projects.get_phase(session, access.project, row.phase_id)
    projects.ensure_accepting(access.project, phase, INPUT_PHASES, user)
    return row


async def update(
    session: AsyncSession,
    access: ProjectAccess,
    input_id: str,
    payload: InputUpdate,
    grace_minutes: int,
) -> Input:
    row = await _own_and_open(session, access, input_id, grace_minutes)
    changes = payload.model_dump(exclude_unset=True)
    if "title" in changes and payload.title is not None:
        row.title = payload.title
    if "body" in changes and payload.body is not None:
        row.body = sanitise(payload.body)
    if "topic_id" in changes or "area_id" in changes:
        _check_refs(access.project, payload.topic_id, payload.area_id)
        row.topic_id = changes.get("topic_id", row.topic_id)
        row.area_id = changes.get("area_id", row.area_id)
    if "image_urls" in changes:
        row.image_urls = [str(url) for url in payload.image_urls or []]
    if "location" in changes:
        phase = await projects.get_phase(session, access.project, row.phase_id)
        if phase.kind == PhaseKind.SPATIAL_PLAN and payload.location is None:
            raise UnprocessableContent(
                "Input in a spatial plan needs a location on the map.", slug="location-required"
            )
        _check_location(access.project, payload.location)
        row.location = payload.location
    return await bump_version(session, row, "updated")


async def delete(
    session: AsyncSession, access: ProjectAccess, input_id: str, grace_minutes: int
) -> None:
    row = await _own_and_open(session, access, input_id, grace_minutes)
    row.deleted_at = utcnow()
    await bump_version(session, row, "deleted")


async def bump_version(session: AsyncSession, row: Input, verb: str) -> Input:
    row.version += 1
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    await announce(session, row, verb)
    return row


async def change_status(
    session: AsyncSession, access: ProjectAccess, input_id: str, change: StatusChange
) -> Input:
    row = await get_visible(session, access, input_id, lock=True)
    row.status = change.status.value
    if change.official_response is not None:
        row.official_response = change.official_response or None
        row.official_response_at = utcnow() if change.official_response else None
    row.reviewed = True
    return await bump_version(session, row, "status_changed")


async def change_cost(
    session: AsyncSession, access: ProjectAccess, input_id: str, change: CostChange
) -> Input:
    row = await get_visible(session, access, input_id, lock=True)
    for phase in await projects.open_phases(session, access.project):
        if phase.voting_method == VotingMethod.BUDGET:
            # Changing prices while people fill their baskets would be unfair.
            raise Conflict(
                "Costs cannot change while budget voting is open.", slug="budget-voting-open"
            )
    row.cost = change.cost
    return await bump_version(session, row, "updated")


async def set_hidden(
    session: AsyncSession, row: Input, *, hidden: bool, reason: str | None
) -> Input:
    row.hidden = hidden
    row.hidden_reason = reason if hidden else None
    row.reviewed = True
    return await bump_version(session, row, "hidden" if hidden else "unhidden")


async def list_page(
    session: AsyncSession,
    access: ProjectAccess,
    *,
    phase_id: str | None,
    topic_id: str | None,
    area_id: str | None,
    status: InputStatus | None,
    cursor: str | None,
    limit: int,
) -> InputPage:
    after = repository.decode_cursor(cursor) if cursor else None
    if cursor and after is None:
        raise UnprocessableContent("The cursor is not valid.", slug="invalid-cursor")
    rows = await repository.page(
        session,
        access.tenant,
        access.project.project_id,
        include_hidden=access.can_moderate,
        phase_id=phase_id,
        topic_id=topic_id,
        area_id=area_id,
        status=status.value if status else None,
        after=after,
        limit=limit + 1,
    )
    more = len(rows) > limit
    rows = rows[:limit]
    ids = [r.input_id for r in rows]
    counts = await counts_for(session, access.tenant, ids)
    mine = await my_reactions(session, access, "input", ids)
    return InputPage(
        items=[to_read(r, counts[r.input_id], access, mine.get(r.input_id)) for r in rows],
        next_cursor=repository.encode_cursor(rows[-1]) if more and rows else None,
    )


async def ensure_conversation_open(
    session: AsyncSession, access: ProjectAccess, row: Input
) -> None:
    """Residents comment and react while the input's phase, or a voting phase, is open,
    if that phase admits them (a phase for certain areas admits only their residents)."""
    if access.project.status != ProjectStatus.PUBLISHED:
        raise problems.project_closed()
    open_phases = await projects.open_phases(session, access.project)
    carrying = [p for p in open_phases if p.phase_id == row.phase_id or p.kind == PhaseKind.VOTING]
    if carrying:
        refusals = [projects.eligibility_refusal(p, access.user) for p in carrying]
        refused = [refusal for refusal in refusals if refusal is not None]
        if len(refused) < len(carrying):
            return
        raise refused[0]
    phase = await projects.get_phase(session, access.project, row.phase_id)
    started = phase.starts_at is not None and phase.starts_at <= utcnow()
    raise problems.phase_not_open(started=started)
