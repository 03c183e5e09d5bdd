"""Rules of the project read model: storing snapshots, and when a phase is open."""

from collections.abc import Iterable
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.columns import utcnow
from inspraak_contributions.projects import repository
from inspraak_contributions.projects.models import Phase, Project
from inspraak_contributions.projects.schemas import (
    Eligibility,
    PhaseKind,
    PhaseSnapshot,
    ProjectSnapshot,
    ProjectStatus,
)
from inspraak_shared.auth import Principal
from inspraak_shared.problems import Problem


async def apply_snapshot(session: AsyncSession, tenant: str, snapshot: ProjectSnapshot) -> bool:
    """Keep the snapshot if it is newer than ours; return whether it was kept."""
    stored = await repository.store_if_newer(
        session,
        {
            "tenant": tenant,
            "project_id": snapshot.project_id,
            "version": snapshot.version,
            "department_id": snapshot.department_id,
            "status": snapshot.status.value,
            "visibility": snapshot.visibility.value,
            "allowed_group_ids": snapshot.allowed_group_ids,
            "title": snapshot.title,
            "topics": snapshot.topics,
            "areas": snapshot.areas,
            "area_geometry": snapshot.area_geometry,
            "moderator_user_ids": snapshot.moderator_user_ids,
            "allowed_user_ids": snapshot.allowed_user_ids,
            "updated_at": utcnow(),
        },
    )
    if stored:
        phases = [
            _phase_row(tenant, snapshot.project_id, position, phase)
            for position, phase in enumerate(snapshot.phases)
        ]
        await repository.replace_phases(session, tenant, snapshot.project_id, phases)
    return stored


def _phase_row(tenant: str, project_id: str, position: int, phase: PhaseSnapshot) -> Phase:
    voting = phase.voting
    return Phase(
        tenant=tenant,
        phase_id=phase.phase_id,
        project_id=project_id,
        position=position,
        kind=phase.kind.value,
        title=phase.title,
        starts_at=phase.starts_at,
        ends_at=phase.ends_at,
        voting_method=voting.method.value if voting else None,
        max_votes=voting.max_votes if voting else None,
        budget=voting.budget if voting else None,
        currency=voting.currency if voting else None,
        budget_items=[i.model_dump(mode="json") for i in voting.items] if voting else [],
        eligibility=phase.participation.who.value,
        eligible_area_ids=phase.participation.area_ids,
        results_visibility=phase.results_visibility.value,
        survey_id=phase.survey_id,
        survey_questions=[q.model_dump(mode="json") for q in phase.survey.questions]
        if phase.survey
        else [],
        scenarios=[s.model_dump(mode="json") for s in phase.scenarios],
    )


def is_open(phase: Phase, now: datetime | None = None) -> bool:
    """Open from `starts_at` (inclusive) to `ends_at` (exclusive); no end means open-ended."""
    now = now or utcnow()
    if phase.starts_at is None or now < phase.starts_at:
        return False
    return phase.ends_at is None or now < phase.ends_at


def ensure_accepting(
    project: Project, phase: Phase, kinds: Iterable[PhaseKind], participant: Principal
) -> None:
    """Refuse a contribution unless the project is live, the phase open and fitting, and
    the participant one of the people the phase is for."""
    wanted = {kind.value for kind in kinds}
    if phase.kind not in wanted:
        raise problems.wrong_phase_method(" / ".join(sorted(wanted)))
    if project.status != ProjectStatus.PUBLISHED:
        raise problems.project_closed()
    now = utcnow()
    if not is_open(phase, now):
        started = phase.starts_at is not None and phase.starts_at <= now
        raise problems.phase_not_open(started=started)
    ensure_eligible(phase, participant)


def eligibility_refusal(phase: Phase, participant: Principal) -> Problem | None:
    """Why the participant may not take part in the phase; None when they may.

    `anyone` and `registered` both admit every signed-in resident (one vote per person
    needs an account). `areas` admits those whose declared area (the `inspraak_area`
    claim, self-declared in their identity profile) is one of the phase's areas.
    """
    if phase.eligibility != Eligibility.AREAS:
        return None
    if participant.area_id is None:
        return problems.area_not_declared()
    # Area ids are UUIDs, which may arrive in either case.
    eligible = {area.strip().lower() for area in phase.eligible_area_ids}
    if participant.area_id.lower() not in eligible:
        return problems.area_not_eligible()
    return None


def ensure_eligible(phase: Phase, participant: Principal) -> None:
    refusal = eligibility_refusal(phase, participant)
    if refusal is not None:
        raise refusal


async def get_phase(session: AsyncSession, project: Project, phase_id: str) -> Phase:
    phase = await repository.get_phase(session, project.tenant, project.project_id, phase_id)
    if phase is None:
        raise problems.not_found("phase")
    return phase


async def open_phases(session: AsyncSession, project: Project) -> list[Phase]:
    now = utcnow()
    phases = await repository.list_phases(session, project.tenant, project.project_id)
    return [phase for phase in phases if is_open(phase, now)]


async def list_phases(session: AsyncSession, project: Project) -> list[Phase]:
    return await repository.list_phases(session, project.tenant, project.project_id)
