"""Phase rules: dates that do not overlap, methods that do not change under people's input."""

import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.text import check_languages
from inspraak_projects.phases import repository
from inspraak_projects.phases.models import Phase
from inspraak_projects.phases.schemas import Participation, PhaseCreate, PhaseUpdate
from inspraak_projects.projects import service as projects
from inspraak_projects.projects.models import Project, ProjectStatus
from inspraak_projects.taxonomy import service as taxonomy
from inspraak_projects.taxonomy.models import TermKind
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.auth import Principal
from inspraak_shared.problems import Conflict, NotFound

OVERLAP_CONSTRAINT = "ex_phase_no_overlap"


async def timeline(
    session: AsyncSession, principal: Principal | None, tenant: str, project_id: uuid.UUID
) -> tuple[Project, list[Phase]]:
    project = await projects.readable(session, principal, tenant, project_id)
    return project, list(await repository.for_project(session, project.id))


async def _find(session: AsyncSession, project: Project, phase_id: uuid.UUID) -> Phase:
    phase = await repository.get(session, project.id, phase_id)
    if phase is None:
        raise NotFound("The project has no such phase.", slug="phase-not-found")
    return phase


async def _check_dates(
    session: AsyncSession,
    project: Project,
    starts_at: datetime,
    ends_at: datetime,
    exclude: uuid.UUID | None = None,
) -> None:
    if ends_at <= starts_at:
        raise Conflict("A phase ends after it starts.", slug="phase-dates")
    other = await repository.overlapping(session, project.id, starts_at, ends_at, exclude)
    if other is not None:
        raise _overlap(other)


def _overlap(other: Phase | None = None) -> Conflict:
    detail = "Phases of a project may not overlap"
    if other is not None:
        detail += (
            f": this one overlaps the phase that runs from {other.starts_at.isoformat()} "
            f"to {other.ends_at.isoformat()}"
        )
    return Conflict(
        detail + ".",
        slug="phases-overlap",
        extensions={"overlapping_phase_id": str(other.id)} if other else {},
    )


async def _area_ids(session: AsyncSession, tenant: str, participation: Participation) -> list[str]:
    ids = await taxonomy.require_existing(session, tenant, TermKind.AREA, participation.area_ids)
    return [str(i) for i in ids]


def _check_texts(
    tenant: TenantConfig,
    title: dict | None,
    description: dict | None,
    config: dict[str, Any] | None = None,
) -> None:
    check_languages("title", title, tenant.languages)
    check_languages("description", description, tenant.languages)
    for name, text in _method_texts(config or {}):
        check_languages(name, text, tenant.languages)


def _method_texts(config: dict[str, Any]) -> Iterator[tuple[str, dict[str, str]]]:
    """Every translated text inside a method's settings, with a name for error messages."""
    for q, question in enumerate((config.get("survey") or {}).get("questions", [])):
        yield f"survey.questions[{q}].text", question["text"]
        for key in ("options", "rows"):
            for o, option in enumerate(question.get(key, [])):
                yield f"survey.questions[{q}].{key}[{o}]", option["text"]
    for i, scenario in enumerate(config.get("scenarios") or []):
        yield f"scenarios[{i}].title", scenario["title"]
        yield f"scenarios[{i}].description", scenario.get("description") or {}
    for i, item in enumerate((config.get("voting") or {}).get("items", [])):
        yield f"voting.items[{i}].title", item["title"]
        yield f"voting.items[{i}].description", item.get("description") or {}


async def _flush_guarded(session: AsyncSession) -> None:
    """Flush; the exclusion constraint catches an overlap a concurrent request just wrote."""
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        if OVERLAP_CONSTRAINT in str(exc.orig):
            raise _overlap() from exc
        raise


async def add(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    data: PhaseCreate,
) -> Phase:
    project = await projects.changeable(session, principal, tenant.slug, project_id)
    _check_texts(tenant, data.title, data.description, data.config())
    await _check_dates(session, project, data.starts_at, data.ends_at)
    phase = Phase(
        tenant=tenant.slug,
        project_id=project.id,
        kind=data.kind,
        title=data.title,
        description=data.description,
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        eligibility=data.participation.who,
        eligible_area_ids=await _area_ids(session, tenant.slug, data.participation),
        results_visibility=data.results_visibility,
        config=data.config(),
    )
    repository.add(session, phase)
    await _flush_guarded(session)
    await projects.changed(session, project, "updated")
    return phase


def _announced_guard(project: Project, phase: Phase, data: PhaseUpdate) -> None:
    live = project.status == ProjectStatus.PUBLISHED
    if live and phase.started_announced_at and data.starts_at not in (None, phase.starts_at):
        raise Conflict("The phase has started; its start can no longer move.", slug="phase-started")
    if live and phase.ended_announced_at and data.ends_at not in (None, phase.ends_at):
        raise Conflict("The phase has ended; its end can no longer move.", slug="phase-ended")


async def update(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    phase_id: uuid.UUID,
    data: PhaseUpdate,
) -> Phase:
    project = await projects.changeable(session, principal, tenant.slug, project_id)
    phase = await _find(session, project, phase_id)
    given = data.model_fields_set
    _check_texts(
        tenant, data.title, data.description, data.method.config() if data.method else None
    )
    if "method" in given and data.method is not None:
        new_config = data.method.config()
        if phase.input_received_at and (
            data.method.kind != phase.kind or new_config != phase.config
        ):
            raise Conflict(
                "People have already taken part in this phase: its method can no longer change.",
                slug="phase-has-input",
            )
        phase.kind, phase.config = data.method.kind, new_config
    _announced_guard(project, phase, data)
    starts_at = data.starts_at or phase.starts_at
    ends_at = data.ends_at or phase.ends_at
    if (starts_at, ends_at) != (phase.starts_at, phase.ends_at):
        await _check_dates(session, project, starts_at, ends_at, exclude=phase.id)
        phase.starts_at, phase.ends_at = starts_at, ends_at
    if data.title:
        phase.title = data.title
    if "description" in given:
        phase.description = data.description or {}
    if data.participation is not None:
        phase.eligibility = data.participation.who
        phase.eligible_area_ids = await _area_ids(session, tenant.slug, data.participation)
    if data.results_visibility is not None:
        phase.results_visibility = data.results_visibility
    await _flush_guarded(session)
    await projects.changed(session, project, "updated")
    return phase


async def delete(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    phase_id: uuid.UUID,
) -> None:
    project = await projects.changeable(session, principal, tenant.slug, project_id)
    phase = await _find(session, project, phase_id)
    if phase.input_received_at is not None:
        raise Conflict(
            "People have already taken part in this phase: it cannot be removed.",
            slug="phase-has-input",
        )
    if phase.started_announced_at is not None:
        raise Conflict("The phase has started and cannot be removed.", slug="phase-started")
    await repository.delete(session, phase)
    await session.flush()
    await projects.changed(session, project, "updated")


async def record_input(session: AsyncSession, tenant: str, phase_id: str, at: datetime) -> bool:
    """contributions reported input in a phase: from now on its method is fixed."""
    try:
        key = uuid.UUID(phase_id)
    except ValueError:
        return False
    phase = await repository.get_in_tenant(session, tenant, key)
    if phase is None:
        return False
    await repository.mark_input(session, phase, at)
    return True
