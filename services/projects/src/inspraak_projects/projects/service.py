"""Project rules: who may read or change what, the lifecycle, and what publication needs."""

import re
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.clock import utcnow
from inspraak_projects.common.cursor import decode_cursor, encode_cursor
from inspraak_projects.common.text import check_languages, missing_languages
from inspraak_projects.departments import repository as departments
from inspraak_projects.phases import repository as phases_repository
from inspraak_projects.phases.models import Phase, PhaseKind
from inspraak_projects.projects import repository
from inspraak_projects.projects.auth import (
    can_approve,
    can_create_in,
    can_edit,
    can_steer,
    is_archived,
    is_staff_for,
    is_superadmin,
    read_scope,
    resident_may_read,
)
from inspraak_projects.projects.events import emit_project, emit_simple
from inspraak_projects.projects.models import (
    ApprovalDecision,
    Project,
    ProjectStatus,
    Visibility,
)
from inspraak_projects.projects.repository import ListFilters, ReadScope
from inspraak_projects.projects.schemas import ProjectContent, ProjectCreate, ProjectUpdate
from inspraak_projects.roles import service as roles
from inspraak_projects.roles.models import RoleGrant
from inspraak_projects.roles.service import RoleChange
from inspraak_projects.taxonomy import service as taxonomy
from inspraak_projects.taxonomy.models import TermKind
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.auth import Principal, ScopedRoleName
from inspraak_shared.problems import Conflict, Forbidden, NotFound, UnprocessableContent

TRANSLATED_FIELDS = ("title", "summary", "description", "goal", "input_use", "target_audience")
PARTICIPATION_KINDS = {k for k in PhaseKind if k is not PhaseKind.INFORMATION}

Check = Callable[[Principal, Project], bool]


# -- reading -------------------------------------------------------------------------------


async def _find(
    session: AsyncSession, tenant: str, project_id: uuid.UUID, *, for_update: bool = False
) -> Project:
    project = await repository.get(session, tenant, project_id, for_update=for_update)
    if project is None:
        raise _not_found()
    return project


def _not_found() -> NotFound:
    # Also for projects that exist but the caller may not see: their existence is not told.
    return NotFound("There is no such project.", slug="project-not-found")


async def may_read(session: AsyncSession, principal: Principal | None, project: Project) -> bool:
    if is_staff_for(principal, project):
        return True
    let_in = (
        principal is not None
        and project.visibility == Visibility.RESTRICTED
        and await repository.has_access(session, project.id, principal.user_id)
    )
    return resident_may_read(project, let_in=let_in)


async def readable(
    session: AsyncSession, principal: Principal | None, tenant: str, project_id: uuid.UUID
) -> Project:
    project = await _find(session, tenant, project_id)
    if not await may_read(session, principal, project):
        raise _not_found()
    return project


async def readable_by_slug(
    session: AsyncSession, principal: Principal | None, tenant: str, slug: str
) -> Project:
    project = await repository.get_by_slug(session, tenant, slug)
    if project is None or not await may_read(session, principal, project):
        raise _not_found()
    return project


async def changeable(
    session: AsyncSession,
    principal: Principal,
    tenant: str,
    project_id: uuid.UUID,
    check: Check = can_edit,
    *,
    allow_archived: bool = False,
) -> Project:
    """The project locked for a change: 404 if unseen, 403 if seen but not the caller's."""
    project = await _find(session, tenant, project_id, for_update=True)
    if not await may_read(session, principal, project):
        raise _not_found()
    if not check(principal, project):
        raise Forbidden("You may read this project but not change it.", slug="not-your-project")
    if is_archived(project) and not allow_archived:
        raise Conflict("The project is archived; it can no longer change.", slug="archived")
    return project


@dataclass
class ProjectView:
    project: Project
    phases: list[Phase]
    area_ids: list[uuid.UUID]
    topic_ids: list[uuid.UUID]
    staff: bool
    following: bool | None
    moderators: list[RoleGrant] = field(default_factory=list)
    allowed_user_ids: list[str] = field(default_factory=list)
    follower_count: int = 0
    approvals: list[ApprovalDecision] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


async def view(
    session: AsyncSession, principal: Principal | None, tenant: TenantConfig, project: Project
) -> ProjectView:
    phases = list(await phases_repository.for_project(session, project.id))
    tags = (await repository.term_ids(session, [project.id]))[project.id]
    following = (
        await repository.is_following(session, project.id, principal.user_id)
        if principal is not None
        else None
    )
    result = ProjectView(
        project, phases, tags["area"], tags["topic"], is_staff_for(principal, project), following
    )
    if result.staff:
        result.moderators = await roles.holders(
            session, tenant.slug, ScopedRoleName.PROJECT_MODERATOR, str(project.id)
        )
        result.allowed_user_ids = await repository.access_user_ids(session, project.id)
        result.follower_count = len(await repository.follower_ids(session, project.id))
        result.approvals = list(await repository.decisions(session, project.id))
        result.missing = missing_for_publication(tenant, project, phases)
    return result


@dataclass
class ListPage:
    projects: list[Project]
    phases: dict[uuid.UUID, list[Phase]]
    tags: dict[uuid.UUID, dict[str, list[uuid.UUID]]]
    next_cursor: str | None


async def list_projects(
    session: AsyncSession,
    principal: Principal | None,
    tenant: str,
    filters: ListFilters,
    *,
    cursor: str | None,
    limit: int,
    scope: ReadScope | None = None,
) -> ListPage:
    after = decode_cursor(cursor) if cursor else None
    scope = scope if scope is not None else read_scope(principal)
    rows = list(
        await repository.list_page(session, tenant, scope, filters, after=after, limit=limit)
    )
    next_cursor = None
    if len(rows) > limit:
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1].created_at, rows[-1].id)
    ids = [p.id for p in rows]
    return ListPage(
        rows,
        await phases_repository.for_projects(session, ids),
        await repository.term_ids(session, ids),
        next_cursor,
    )


def search_words(q: str | None) -> tuple[str, ...]:
    return tuple(w for w in (q or "").lower().split() if w)[:8]


# -- writing -------------------------------------------------------------------------------


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:70].strip("-") or "project"


async def _free_slug(session: AsyncSession, tenant: str, base: str) -> str:
    candidate, n = base, 1
    while await repository.slug_taken(session, tenant, candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _search_text(project: Project) -> str:
    texts = [*project.title.values(), *project.summary.values(), project.slug]
    return " ".join(texts).lower()


def _check_texts(tenant: TenantConfig, data: ProjectContent) -> None:
    for name in TRANSLATED_FIELDS:
        check_languages(name, getattr(data, name, None), tenant.languages)


async def _require_department(session: AsyncSession, tenant: str, department_id: uuid.UUID) -> None:
    if await departments.get(session, tenant, department_id) is None:
        raise UnprocessableContent(
            "There is no such department in this municipality.", slug="unknown-department"
        )


async def _apply_content(
    session: AsyncSession, tenant: TenantConfig, project: Project, data: ProjectContent
) -> None:
    given = data.model_fields_set
    for name in ("summary", "description", "goal", "input_use", "target_audience"):
        if name in given:
            setattr(project, name, getattr(data, name) or {})
    if "agreement_note" in given:
        project.agreement_note = data.agreement_note or ""
    if "contact" in given:
        project.contact = data.contact.model_dump(mode="json") if data.contact else {}
    if "header_image_url" in given:
        project.header_image_url = data.header_image_url
    if "area_geometry" in given:
        project.area_geometry = data.area_geometry
    await session.flush()
    for kind, ids in ((TermKind.AREA, data.area_ids), (TermKind.TOPIC, data.topic_ids)):
        if ids is not None:
            existing = await taxonomy.require_existing(session, tenant.slug, kind, ids)
            await repository.set_terms(session, project.id, kind, existing)


async def changed(session: AsyncSession, project: Project, verb: str, **extra: object) -> None:
    """Every change: a new version, and the snapshot announced in the same transaction."""
    project.version += 1
    project.updated_at = utcnow()
    project.search_text = _search_text(project)
    await session.flush()
    await emit_project(session, project, verb, **extra)


async def create(
    session: AsyncSession, tenant: TenantConfig, principal: Principal, data: ProjectCreate
) -> Project:
    await _require_department(session, tenant.slug, data.department_id)
    if not can_create_in(principal, data.department_id):
        raise Forbidden(
            "Projects are created by the superadmin or a head of the department.",
            slug="not-your-department",
        )
    _check_texts(tenant, data)
    if data.slug is not None:
        if await repository.slug_taken(session, tenant.slug, data.slug):
            raise Conflict(f"A project with the slug '{data.slug}' exists.", slug="slug-taken")
        slug = data.slug
    else:
        title = data.title.get(tenant.default_language) or next(iter(data.title.values()))
        slug = await _free_slug(session, tenant.slug, _slugify(title))
    project = Project(
        tenant=tenant.slug,
        slug=slug,
        department_id=data.department_id,
        title=data.title,
        created_by_user_id=principal.user_id,
    )
    repository.add(session, project)
    await _apply_content(session, tenant, project, data)
    project.search_text = _search_text(project)
    await session.flush()
    await emit_project(session, project, "created")
    return project


async def update(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    data: ProjectUpdate,
) -> Project:
    project = await changeable(session, principal, tenant.slug, project_id)
    given = data.model_fields_set
    _check_texts(tenant, data)
    if "title" in given:
        if not data.title:
            raise UnprocessableContent("A project keeps a title.", slug="title-missing")
        project.title = data.title
    if "slug" in given and data.slug is not None and data.slug != project.slug:
        if await repository.slug_taken(session, tenant.slug, data.slug, exclude=project.id):
            raise Conflict(f"A project with the slug '{data.slug}' exists.", slug="slug-taken")
        project.slug = data.slug
    if "department_id" in given and data.department_id not in (None, project.department_id):
        if not is_superadmin(principal):
            raise Forbidden("Only the superadmin moves a project to another department.")
        assert data.department_id is not None
        await _require_department(session, tenant.slug, data.department_id)
        project.department_id = data.department_id
    await _apply_content(session, tenant, project, data)
    await changed(session, project, "updated")
    return project


# -- publication -----------------------------------------------------------------------------


def missing_for_publication(
    tenant: TenantConfig, project: Project, phases: list[Phase]
) -> list[str]:
    """What a project still lacks before residents may see it, as `field.language` names."""
    languages = tenant.languages
    missing = missing_languages("title", project.title, languages)
    missing += missing_languages("summary", project.summary, languages)
    # PRODUCT.md: every project states its goal, and, where input influences decisions,
    # what will be done with it.
    missing += missing_languages("goal", project.goal, languages)
    if any(p.kind in PARTICIPATION_KINDS for p in phases):
        missing += missing_languages("input_use", project.input_use, languages)
    if not phases:
        missing.append("phases")
    for index, phase in enumerate(phases):
        missing += _phase_missing(f"phases[{index}]", phase, languages)
        spatial = phase.kind == PhaseKind.SPATIAL_PLAN
        if spatial and project.area_geometry is None and "area_geometry" not in missing:
            missing.append("area_geometry")
    return missing


def _phase_missing(prefix: str, phase: Phase, languages: list[str]) -> list[str]:
    missing = missing_languages(f"{prefix}.title", phase.title, languages)
    config = phase.config or {}
    for q, question in enumerate((config.get("survey") or {}).get("questions", [])):
        name = f"{prefix}.survey.questions[{q}]"
        missing += missing_languages(f"{name}.text", question.get("text"), languages)
        for key in ("options", "rows"):
            for o, option in enumerate(question.get(key, [])):
                missing += missing_languages(f"{name}.{key}[{o}]", option.get("text"), languages)
    for s, scenario in enumerate(config.get("scenarios") or []):
        missing += missing_languages(f"{prefix}.scenarios[{s}].title", scenario["title"], languages)
    for i, item in enumerate((config.get("voting") or {}).get("items", [])):
        missing += missing_languages(f"{prefix}.voting.items[{i}].title", item["title"], languages)
    return missing


async def _require_complete(session: AsyncSession, tenant: TenantConfig, project: Project) -> None:
    phases = list(await phases_repository.for_project(session, project.id))
    missing = missing_for_publication(tenant, project, phases)
    if missing:
        raise Conflict(
            f"The project cannot be published yet; it still needs: {', '.join(missing)}.",
            title="Project incomplete",
            slug="project-incomplete",
            extensions={"missing": missing},
        )


def _require_status(project: Project, *allowed: ProjectStatus, action: str) -> None:
    if project.status not in allowed:
        raise Conflict(
            f"A project that is {project.status} cannot be {action}.",
            slug="wrong-status",
            extensions={"status": project.status},
        )


async def _publish(session: AsyncSession, project: Project) -> None:
    project.status = ProjectStatus.PUBLISHED
    project.published_at = utcnow()
    await changed(session, project, "published")


async def submit(
    session: AsyncSession, tenant: TenantConfig, principal: Principal, project_id: uuid.UUID
) -> Project:
    project = await changeable(session, principal, tenant.slug, project_id)
    _require_status(project, ProjectStatus.DRAFT, action="submitted for approval")
    if not tenant.require_project_approval:
        raise Conflict(
            "This municipality needs no approval: publish the project directly.",
            slug="approval-not-required",
        )
    await _require_complete(session, tenant, project)
    project.status = ProjectStatus.AWAITING_APPROVAL
    await changed(session, project, "approval_requested")
    return project


async def publish(
    session: AsyncSession, tenant: TenantConfig, principal: Principal, project_id: uuid.UUID
) -> Project:
    check: Check = lambda p, project: can_edit(p, project) or can_approve(p, project)  # noqa: E731
    project = await changeable(session, principal, tenant.slug, project_id, check)
    _require_status(project, ProjectStatus.DRAFT, action="published")
    if tenant.require_project_approval and not can_approve(principal, project):
        raise Conflict(
            "This municipality approves projects before publication: submit it for approval.",
            slug="approval-required",
        )
    await _require_complete(session, tenant, project)
    await _publish(session, project)
    return project


async def _decide(
    session: AsyncSession, project: Project, principal: Principal, decision: str, comment: str
) -> None:
    repository.add_decision(
        session,
        ApprovalDecision(
            project_id=project.id,
            decision=decision,
            comment=comment,
            decided_by_user_id=principal.user_id,
            decided_by_username=principal.username,
        ),
    )
    await session.flush()


async def approve(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    comment: str,
) -> Project:
    project = await changeable(session, principal, tenant.slug, project_id, can_approve)
    _require_status(project, ProjectStatus.AWAITING_APPROVAL, action="approved")
    await _require_complete(session, tenant, project)
    await _decide(session, project, principal, "approved", comment)
    project.status = ProjectStatus.PUBLISHED
    project.published_at = utcnow()
    await changed(
        session,
        project,
        "approval_decided",
        decision="approved",
        comment=comment,
        decided_by_user_id=principal.user_id,
    )
    # Consumers that only follow publication see it as any other publication.
    await emit_project(session, project, "published")
    return project


async def send_back(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    comment: str,
) -> Project:
    project = await changeable(session, principal, tenant.slug, project_id, can_approve)
    _require_status(project, ProjectStatus.AWAITING_APPROVAL, action="sent back")
    await _decide(session, project, principal, "sent_back", comment)
    project.status = ProjectStatus.DRAFT
    await changed(
        session,
        project,
        "approval_decided",
        decision="sent_back",
        comment=comment,
        decided_by_user_id=principal.user_id,
    )
    return project


async def archive(
    session: AsyncSession, tenant: TenantConfig, principal: Principal, project_id: uuid.UUID
) -> Project:
    project = await changeable(session, principal, tenant.slug, project_id, can_steer)
    _require_status(project, ProjectStatus.PUBLISHED, action="archived")
    project.status = ProjectStatus.ARCHIVED
    project.archived_at = utcnow()
    await changed(session, project, "archived")
    return project


async def set_visibility(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    visibility: Visibility,
) -> Project:
    """Hide, show or restrict: only who sees it changes; all input stays."""
    project = await changeable(
        session, principal, tenant.slug, project_id, can_steer, allow_archived=True
    )
    if project.visibility != visibility:
        project.visibility = visibility
        await changed(session, project, "visibility_changed")
    return project


async def set_access(
    session: AsyncSession,
    tenant: TenantConfig,
    principal: Principal,
    project_id: uuid.UUID,
    user_ids: list[str],
) -> Project:
    project = await changeable(session, principal, tenant.slug, project_id)
    await repository.set_access(session, project.id, sorted(set(user_ids)))
    await changed(session, project, "updated")
    return project


# -- followers -------------------------------------------------------------------------------


async def follow(
    session: AsyncSession, principal: Principal, tenant: str, project_id: uuid.UUID
) -> None:
    project = await readable(session, principal, tenant, project_id)
    if project.status != ProjectStatus.PUBLISHED:
        raise Conflict("Only a published project can be followed.", slug="wrong-status")
    if await repository.follow(session, project.id, principal.user_id):
        emit_simple(session, project, "follower", "added", {"user_id": principal.user_id})


async def unfollow(
    session: AsyncSession, principal: Principal, tenant: str, project_id: uuid.UUID
) -> None:
    project = await _find(session, tenant, project_id)
    # Unfollowing is always allowed, even once the project is hidden from the person.
    if await repository.unfollow(session, project.id, principal.user_id):
        emit_simple(session, project, "follower", "removed", {"user_id": principal.user_id})


async def is_following(
    session: AsyncSession, principal: Principal, tenant: str, project_id: uuid.UUID
) -> bool:
    project = await readable(session, principal, tenant, project_id)
    return await repository.is_following(session, project.id, principal.user_id)


async def moderators(
    session: AsyncSession, principal: Principal, tenant: str, project_id: uuid.UUID
) -> list[RoleGrant]:
    project = await readable(session, principal, tenant, project_id)
    if not is_staff_for(principal, project):
        raise Forbidden("Only staff see who moderates a project.")
    return await roles.holders(session, tenant, ScopedRoleName.PROJECT_MODERATOR, str(project.id))


# -- reactions to identity -----------------------------------------------------------------


async def moderators_changed(session: AsyncSession, tenant: str, change: RoleChange) -> None:
    """A moderator was granted or revoked in identity: announce it with a new snapshot."""
    try:
        project_id = uuid.UUID(change.scope_id)
    except ValueError:
        return
    project = await repository.get(session, tenant, project_id, for_update=True)
    if project is None:
        return
    emit_simple(
        session,
        project,
        "moderator",
        "assigned" if change.is_active else "removed",
        {"user_id": change.user_id, "username": change.username, "external": change.external},
    )
    await changed(session, project, "updated")


async def forget_person(session: AsyncSession, tenant: str, user_id: str) -> None:
    """Erasure: follows and access go, decisions stay without the person's name."""
    affected = await repository.projects_with_access_of(session, tenant, user_id)
    await repository.forget_person(session, tenant, user_id)
    for project_id in affected:
        project = await repository.get(session, tenant, project_id, for_update=True)
        if project is not None:
            await changed(session, project, "updated")


def phase_now(phases: list[Phase], now: datetime) -> tuple[Phase | None, Phase | None]:
    """The phase running now and the next one to start."""
    current = next((p for p in phases if p.starts_at <= now < p.ends_at), None)
    upcoming = next((p for p in phases if p.starts_at > now), None)
    return current, upcoming
