"""HTTP routes of project pages."""

import hashlib
import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.responses import JSONResponse

from inspraak_projects.common.clock import utcnow
from inspraak_projects.common.schemas import Page
from inspraak_projects.phases.models import Phase, PhaseKind
from inspraak_projects.phases.schemas import PhaseRead
from inspraak_projects.projects import service
from inspraak_projects.projects.auth import SignedIn, Viewer
from inspraak_projects.projects.models import Project, ProjectStatus, Visibility
from inspraak_projects.projects.repository import ListFilters, ReadScope
from inspraak_projects.projects.schemas import (
    AccessList,
    ApprovalRead,
    Approve,
    Contact,
    DecisionKind,
    Following,
    Moderator,
    PhaseBrief,
    ProjectCreate,
    ProjectListItem,
    ProjectRead,
    ProjectStaffRead,
    ProjectUpdate,
    SendBack,
    VisibilityChange,
    WidgetProject,
)
from inspraak_projects.tenants.auth import KnownTenant
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects", tags=["projects"])


def _brief(phase: Phase | None) -> PhaseBrief | None:
    if phase is None:
        return None
    return PhaseBrief(
        id=phase.id,
        kind=PhaseKind(phase.kind),
        title=phase.title,
        starts_at=phase.starts_at,
        ends_at=phase.ends_at,
    )


PROJECT_READ_FIELDS = (
    "id", "slug", "department_id", "status", "visibility", "version", "title", "summary",
    "description", "goal", "input_use", "target_audience", "header_image_url", "area_geometry",
    "created_at", "updated_at", "published_at", "archived_at",
)  # fmt: skip


def _read(view: service.ProjectView) -> ProjectRead | ProjectStaffRead:
    project, now = view.project, utcnow()
    current, _ = service.phase_now(view.phases, now)
    values = {
        **{name: getattr(project, name) for name in PROJECT_READ_FIELDS},
        "contact": Contact.model_validate(project.contact) if project.contact else None,
        "area_ids": view.area_ids,
        "topic_ids": view.topic_ids,
        "phases": [PhaseRead.of(p, now) for p in view.phases],
        "current_phase_id": current.id if current else None,
        "following": view.following,
    }
    if not view.staff:
        return ProjectRead(**values)
    return ProjectStaffRead(
        **values,
        agreement_note=project.agreement_note,
        moderators=[
            Moderator(user_id=m.user_id, username=m.username, external=m.external)
            for m in view.moderators
        ],
        allowed_user_ids=view.allowed_user_ids,
        follower_count=view.follower_count,
        approvals=[
            ApprovalRead(
                decision=DecisionKind(d.decision),
                comment=d.comment,
                decided_by_username=d.decided_by_username,
                decided_at=d.decided_at,
            )
            for d in view.approvals
        ],
        missing_for_publication=view.missing,
    )


async def _respond(
    session: DbSession, tenant: KnownTenant, principal: Viewer, project: Project
) -> ProjectRead | ProjectStaffRead:
    return _read(await service.view(session, principal, tenant, project))


def _list_item(page: service.ListPage, project: Project) -> ProjectListItem:
    current, _ = service.phase_now(page.phases[project.id], utcnow())
    tags = page.tags[project.id]
    return ProjectListItem(
        id=project.id,
        slug=project.slug,
        department_id=project.department_id,
        status=ProjectStatus(project.status),
        visibility=Visibility(project.visibility),
        title=project.title,
        summary=project.summary,
        header_image_url=project.header_image_url,
        area_ids=tags["area"],
        topic_ids=tags["topic"],
        published_at=project.published_at,
        current_phase=_brief(current),
    )


@router.get("", summary="List and search the projects the caller may see")
async def list_projects(
    session: DbSession,
    tenant: KnownTenant,
    principal: Viewer,
    q: Annotated[str | None, Query(max_length=200, description="Words in title or summary")] = None,
    status_: Annotated[list[ProjectStatus] | None, Query(alias="status")] = None,
    visibility: Visibility | None = None,
    department_id: uuid.UUID | None = None,
    area_id: uuid.UUID | None = None,
    topic_id: uuid.UUID | None = None,
    method: Annotated[PhaseKind | None, Query(description="Has a phase of this kind")] = None,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Page[ProjectListItem]:
    filters = ListFilters(
        statuses=tuple(status_ or ()),
        visibility=visibility,
        department_id=department_id,
        area_id=area_id,
        topic_id=topic_id,
        phase_kind=method,
        words=service.search_words(q),
    )
    page = await service.list_projects(
        session, principal, tenant.slug, filters, cursor=cursor, limit=limit
    )
    return Page(items=[_list_item(page, p) for p in page.projects], next_cursor=page.next_cursor)


@router.get(
    "/summaries",
    summary="Widget data: published public projects as small cards (cacheable, no personal data)",
    response_model=list[WidgetProject],
)
async def project_summaries(
    request: Request,
    session: DbSession,
    tenant: KnownTenant,
    department_id: uuid.UUID | None = None,
    area_id: uuid.UUID | None = None,
    topic_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    # Always the anonymous view, whatever token comes along: a widget is public.
    filters = ListFilters(
        statuses=(ProjectStatus.PUBLISHED,),
        department_id=department_id,
        area_id=area_id,
        topic_id=topic_id,
    )
    page = await service.list_projects(
        session, None, tenant.slug, filters, cursor=None, limit=limit, scope=ReadScope()
    )
    now = utcnow()
    cards = []
    for project in page.projects:
        current, upcoming = service.phase_now(page.phases[project.id], now)
        cards.append(
            WidgetProject(
                id=project.id,
                slug=project.slug,
                title=project.title,
                summary=project.summary,
                header_image_url=project.header_image_url,
                current_phase=_brief(current),
                next_phase=_brief(upcoming),
            ).model_dump(mode="json")
        )
    response = JSONResponse(cards)
    etag = '"' + hashlib.sha256(bytes(response.body)).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=60", "Vary": "X-Inspraak-Tenant"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    response.headers.update(headers)
    return response


@router.get("/by-slug/{slug}", summary="One project by its slug")
async def get_project_by_slug(
    session: DbSession, tenant: KnownTenant, principal: Viewer, slug: str
) -> ProjectRead | ProjectStaffRead:
    project = await service.readable_by_slug(session, principal, tenant.slug, slug)
    return await _respond(session, tenant, principal, project)


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create a project (as a draft)")
async def create_project(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, body: ProjectCreate
) -> ProjectStaffRead:
    project = await service.create(session, tenant, principal, body)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.get("/{project_id}", summary="One project")
async def get_project(
    session: DbSession, tenant: KnownTenant, principal: Viewer, project_id: uuid.UUID
) -> ProjectRead | ProjectStaffRead:
    project = await service.readable(session, principal, tenant.slug, project_id)
    return await _respond(session, tenant, principal, project)


@router.patch("/{project_id}", summary="Edit a project page")
async def update_project(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: ProjectUpdate,
) -> ProjectStaffRead:
    project = await service.update(session, tenant, principal, project_id, body)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.post("/{project_id}/submit", summary="Ask for approval before publication")
async def submit_project(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> ProjectStaffRead:
    project = await service.submit(session, tenant, principal, project_id)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.post("/{project_id}/publish", summary="Publish (where no approval is needed)")
async def publish_project(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> ProjectStaffRead:
    project = await service.publish(session, tenant, principal, project_id)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.post("/{project_id}/approve", summary="Approve and publish (department head, superadmin)")
async def approve_project(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: Approve | None = None,
) -> ProjectStaffRead:
    comment = body.comment if body else ""
    project = await service.approve(session, tenant, principal, project_id, comment)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.post("/{project_id}/send-back", summary="Send back to the moderator with a comment")
async def send_back_project(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: SendBack,
) -> ProjectStaffRead:
    project = await service.send_back(session, tenant, principal, project_id, body.comment)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.post("/{project_id}/archive", summary="Archive a published project")
async def archive_project(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> ProjectStaffRead:
    project = await service.archive(session, tenant, principal, project_id)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.put("/{project_id}/visibility", summary="Show, hide or restrict a project")
async def set_visibility(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: VisibilityChange,
) -> ProjectStaffRead:
    project = await service.set_visibility(session, tenant, principal, project_id, body.visibility)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.put("/{project_id}/access", summary="Who may enter a restricted project")
async def set_access(
    session: DbSession,
    tenant: KnownTenant,
    principal: SignedIn,
    project_id: uuid.UUID,
    body: AccessList,
) -> ProjectStaffRead:
    project = await service.set_access(session, tenant, principal, project_id, body.user_ids)
    return await _respond(session, tenant, principal, project)  # type: ignore[return-value]


@router.get("/{project_id}/moderators", summary="The project's moderators (staff only)")
async def list_moderators(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> list[Moderator]:
    grants = await service.moderators(session, principal, tenant.slug, project_id)
    return [Moderator(user_id=g.user_id, username=g.username, external=g.external) for g in grants]


@router.get("/{project_id}/follow", summary="Whether the caller follows the project")
async def get_following(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> Following:
    return Following(
        following=await service.is_following(session, principal, tenant.slug, project_id)
    )


@router.put(
    "/{project_id}/follow", status_code=status.HTTP_204_NO_CONTENT, summary="Follow a project"
)
async def follow_project(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> Response:
    await service.follow(session, principal, tenant.slug, project_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete(
    "/{project_id}/follow", status_code=status.HTTP_204_NO_CONTENT, summary="Stop following"
)
async def unfollow_project(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, project_id: uuid.UUID
) -> Response:
    await service.unfollow(session, principal, tenant.slug, project_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
