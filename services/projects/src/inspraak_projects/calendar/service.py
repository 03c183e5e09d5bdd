"""The content calendar: what goes in a feed, for whom, and the subscription links."""

import hashlib
import secrets
import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.calendar import repository
from inspraak_projects.calendar.auth import can_plan, can_subscribe, is_calendar_staff
from inspraak_projects.calendar.ical import Entry, render
from inspraak_projects.calendar.models import CalendarFeed, EvaluationMoment
from inspraak_projects.calendar.schemas import EvaluationCreate, FeedCreate
from inspraak_projects.common.text import check_languages, pick
from inspraak_projects.departments import service as departments
from inspraak_projects.phases import repository as phases_repository
from inspraak_projects.phases.models import Phase
from inspraak_projects.projects import repository as projects_repository
from inspraak_projects.projects import service as projects
from inspraak_projects.projects.auth import read_scope
from inspraak_projects.projects.models import Project, ProjectStatus
from inspraak_projects.roles import service as roles
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.auth import Principal
from inspraak_shared.problems import Forbidden, NotFound

LABELS: dict[str, dict[str, str]] = {
    "start": {"nl": "Start", "fr": "Début", "en": "Start"},
    "end": {"nl": "Einde", "fr": "Fin", "en": "End"},
    "published": {"nl": "Gepubliceerd", "fr": "Publié", "en": "Published"},
    "evaluation": {"nl": "Evaluatiemoment", "fr": "Évaluation", "en": "Evaluation"},
    "calendar": {"nl": "Inspraakkalender", "fr": "Calendrier participation", "en": "Calendar"},
    "draft": {"nl": "concept", "fr": "brouillon", "en": "draft"},
}
METHODS: dict[str, dict[str, str]] = {
    "information": {"nl": "Informatie", "fr": "Information", "en": "Information"},
    "ideation": {"nl": "Ideeën en reacties", "fr": "Idées et réactions", "en": "Ideas"},
    "survey": {"nl": "Vragenlijst", "fr": "Questionnaire", "en": "Survey"},
    "spatial_plan": {"nl": "Kaartinbreng", "fr": "Plan spatial", "en": "Spatial plan"},
    "scenario_planning": {"nl": "Scenario's", "fr": "Scénarios", "en": "Scenarios"},
    "voting": {"nl": "Stemmen", "fr": "Vote", "en": "Voting"},
    "poll": {"nl": "Peiling", "fr": "Sondage", "en": "Poll"},
}


def _label(key: str, language: str) -> str:
    return LABELS[key].get(language, LABELS[key]["en"])


def _language(tenant: TenantConfig, wanted: str | None) -> str:
    return wanted if wanted in tenant.languages else tenant.default_language


def _project_entries(
    tenant: TenantConfig, project: Project, phases: list[Phase], language: str
) -> list[Entry]:
    title = pick(project.title, language, tenant.default_language)
    draft = project.status in (ProjectStatus.DRAFT, ProjectStatus.AWAITING_APPROVAL)
    suffix = f" ({_label('draft', language)})" if draft else ""
    domain = f"{tenant.slug}.inspraak"
    entries = []
    if project.published_at is not None and not draft:
        entries.append(
            Entry(
                uid=f"project-published-{project.id}@{domain}",
                summary=f"{_label('published', language)}: {title}",
                starts_at=project.published_at,
                categories=("publication",),
            )
        )
    for phase in phases:
        phase_title = pick(phase.title, language, tenant.default_language)
        method = METHODS[phase.kind].get(language, phase.kind)
        for moment, at in (("start", phase.starts_at), ("end", phase.ends_at)):
            entries.append(
                Entry(
                    uid=f"phase-{moment}-{phase.id}@{domain}",
                    summary=f"{_label(moment, language)}: {phase_title} - {title}{suffix}",
                    starts_at=at,
                    description=method,
                    categories=(f"phase-{moment}", phase.kind),
                )
            )
    return entries


def _evaluation_entry(tenant: TenantConfig, moment: EvaluationMoment, language: str) -> Entry:
    title = pick(moment.title, language, tenant.default_language)
    return Entry(
        uid=f"evaluation-{moment.id}@{tenant.slug}.inspraak",
        summary=f"{_label('evaluation', language)}: {title}",
        starts_at=moment.planned_for,
        categories=("evaluation",),
    )


async def _entries(
    session: AsyncSession,
    principal: Principal | None,
    tenant: TenantConfig,
    department_id: uuid.UUID | None,
    language: str,
) -> list[Entry]:
    if department_id is not None:
        await departments.get(session, tenant.slug, department_id)
    scope = read_scope(principal)
    visible = list(
        await projects_repository.list_visible(session, tenant.slug, scope, department_id)
    )
    by_project = await phases_repository.for_projects(session, [p.id for p in visible])
    entries = [
        entry
        for project in visible
        for entry in _project_entries(tenant, project, by_project[project.id], language)
    ]
    if is_calendar_staff(principal):
        everything = scope.everything and department_id is None
        allowed_departments = set(scope.department_ids)
        if department_id is not None:
            allowed_departments = (
                {department_id} if scope.everything else (allowed_departments & {department_id})
            )
        moments = await repository.evaluations(
            session,
            tenant.slug,
            department_ids=None if everything else allowed_departments,
            project_ids={p.id for p in visible},
        )
        entries += [_evaluation_entry(tenant, m, language) for m in moments]
    return sorted(entries, key=lambda e: (e.starts_at, e.uid))


def _calendar_name(tenant: TenantConfig, language: str, extra: str = "") -> str:
    name = f"{tenant.display_name} - {_label('calendar', language)}"
    return f"{name} - {extra}" if extra else name


async def tenant_feed(
    session: AsyncSession,
    principal: Principal | None,
    tenant: TenantConfig,
    department_id: uuid.UUID | None,
    language: str | None,
) -> bytes:
    lang = _language(tenant, language)
    entries = await _entries(session, principal, tenant, department_id, lang)
    return render(_calendar_name(tenant, lang), entries)


async def project_feed(
    session: AsyncSession,
    principal: Principal | None,
    tenant: TenantConfig,
    project_id: uuid.UUID,
    language: str | None,
) -> bytes:
    """One project's timeline, for residents to add to their own calendar."""
    lang = _language(tenant, language)
    project = await projects.readable(session, principal, tenant.slug, project_id)
    phases = list(await phases_repository.for_project(session, project.id))
    title = pick(project.title, lang, tenant.default_language)
    return render(
        _calendar_name(tenant, lang, title), _project_entries(tenant, project, phases, lang)
    )


# -- subscription links ---------------------------------------------------------------------


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_feed(
    session: AsyncSession, principal: Principal, tenant: TenantConfig, data: FeedCreate
) -> tuple[CalendarFeed, str]:
    if data.department_id is not None:
        await departments.get(session, tenant.slug, data.department_id)
    if not can_subscribe(principal, data.department_id):
        raise Forbidden(
            "Staff calendar links are for the superadmin, policy makers, communications "
            "and department heads (for their department).",
            slug="not-calendar-staff",
        )
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(
        tenant=tenant.slug,
        user_id=principal.user_id,
        department_id=data.department_id,
        token_hash=_hash(token),
        language=_language(tenant, data.language),
    )
    repository.add(session, feed)
    await session.flush()
    return feed, token


async def list_feeds(
    session: AsyncSession, principal: Principal, tenant: str
) -> list[CalendarFeed]:
    return list(await repository.feeds_of(session, tenant, principal.user_id))


async def delete_feed(
    session: AsyncSession, principal: Principal, tenant: str, feed_id: uuid.UUID
) -> None:
    feed = await repository.feed(session, tenant, feed_id)
    if feed is None or feed.user_id != principal.user_id:
        raise NotFound("You have no such calendar link.", slug="feed-not-found")
    await repository.delete_row(session, feed)
    await session.flush()


async def subscription_feed(session: AsyncSession, tenant: TenantConfig, token: str) -> bytes:
    """The staff feed behind a secret link, with the owner's rights as identity has them now."""
    gone = NotFound("This calendar link does not exist (any more).", slug="feed-not-found")
    feed = await repository.feed_by_hash(session, tenant.slug, _hash(token))
    if feed is None:
        raise gone
    owner = await roles.principal_from_grants(session, tenant.slug, feed.user_id)
    if owner is None or not can_subscribe(owner, feed.department_id):
        raise gone  # the owner lost the role that made this link useful
    entries = await _entries(session, owner, tenant, feed.department_id, feed.language)
    return render(_calendar_name(tenant, feed.language), entries)


# -- evaluation moments ---------------------------------------------------------------------


async def plan_evaluation(
    session: AsyncSession, principal: Principal, tenant: TenantConfig, data: EvaluationCreate
) -> EvaluationMoment:
    check_languages("title", data.title, tenant.languages)
    department_id = data.department_id
    if data.project_id is not None:
        project = await projects.readable(session, principal, tenant.slug, data.project_id)
        department_id = department_id or project.department_id
        if department_id != project.department_id:
            raise Forbidden("The project belongs to another department.")
    elif department_id is not None:
        await departments.get(session, tenant.slug, department_id)
    if not can_plan(principal, department_id):
        raise Forbidden(
            "Evaluation moments are planned by communications, the superadmin, or a "
            "department head for their department.",
            slug="not-a-planner",
        )
    moment = EvaluationMoment(
        tenant=tenant.slug,
        department_id=department_id,
        project_id=data.project_id,
        title=data.title,
        planned_for=data.planned_for,
        created_by_user_id=principal.user_id,
    )
    repository.add(session, moment)
    await session.flush()
    return moment


async def list_evaluations(
    session: AsyncSession, principal: Principal, tenant: str
) -> list[EvaluationMoment]:
    if not is_calendar_staff(principal):
        raise Forbidden("Evaluation moments are for the municipality's staff.")
    scope = read_scope(principal)
    if scope.everything:
        return list(
            await repository.evaluations(session, tenant, department_ids=None, project_ids=set())
        )
    visible = await projects_repository.list_visible(session, tenant, scope, None)
    return list(
        await repository.evaluations(
            session,
            tenant,
            department_ids=set(scope.department_ids),
            project_ids={p.id for p in visible},
        )
    )


async def delete_evaluation(
    session: AsyncSession, principal: Principal, tenant: str, evaluation_id: uuid.UUID
) -> None:
    moment = await repository.get_evaluation(session, tenant, evaluation_id)
    if moment is None or not is_calendar_staff(principal):
        raise NotFound("There is no such evaluation moment.", slug="evaluation-not-found")
    if not can_plan(principal, moment.department_id):
        raise Forbidden("You did not plan this evaluation moment and may not remove it.")
    await repository.delete_row(session, moment)
    await session.flush()


async def forget_person(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.forget_person(session, tenant, user_id)
