"""HTTP routes of the content calendar (iCalendar feeds) and evaluation moments."""

import uuid

from fastapi import APIRouter, Response, status

from inspraak_projects.calendar import service
from inspraak_projects.calendar.auth import SignedIn, Viewer
from inspraak_projects.calendar.models import CalendarFeed, EvaluationMoment
from inspraak_projects.calendar.schemas import (
    EvaluationCreate,
    EvaluationRead,
    FeedCreate,
    FeedCreated,
    FeedRead,
    Language,
)
from inspraak_projects.tenants.auth import KnownTenant
from inspraak_shared.db import DbSession

router = APIRouter(tags=["calendar"])

ICAL_MEDIA_TYPE = "text/calendar; charset=utf-8"
ICAL_RESPONSES = {200: {"content": {"text/calendar": {}}, "description": "An iCalendar feed"}}


def _ical(body: bytes, *, private: bool) -> Response:
    cache = "private, no-store" if private else "public, max-age=300"
    return Response(body, media_type=ICAL_MEDIA_TYPE, headers={"Cache-Control": cache})


@router.get(
    "/calendar.ics",
    summary="The tenant's calendar: what the caller may see (staff: drafts and evaluations too)",
    responses=ICAL_RESPONSES,
    response_class=Response,
)
async def tenant_calendar(
    session: DbSession,
    tenant: KnownTenant,
    principal: Viewer,
    department_id: uuid.UUID | None = None,
    lang: Language | None = None,
) -> Response:
    body = await service.tenant_feed(session, principal, tenant, department_id, lang)
    return _ical(body, private=principal is not None)


@router.get(
    "/projects/{project_id}/calendar.ics",
    summary="One project's timeline as a calendar",
    responses=ICAL_RESPONSES,
    response_class=Response,
)
async def project_calendar(
    session: DbSession,
    tenant: KnownTenant,
    principal: Viewer,
    project_id: uuid.UUID,
    lang: Language | None = None,
) -> Response:
    body = await service.project_feed(session, principal, tenant, project_id, lang)
    return _ical(body, private=principal is not None)


def _feed(feed: CalendarFeed) -> FeedRead:
    return FeedRead.model_validate(feed, from_attributes=True)


@router.post(
    "/calendar/feeds",
    status_code=status.HTTP_201_CREATED,
    summary="Create a personal subscription link to the staff calendar",
)
async def create_feed(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, body: FeedCreate
) -> FeedCreated:
    feed, token = await service.create_feed(session, principal, tenant, body)
    return FeedCreated(
        **_feed(feed).model_dump(), token=token, path=f"/calendar/subscriptions/{token}.ics"
    )


@router.get("/calendar/feeds", summary="My subscription links")
async def list_feeds(
    session: DbSession, tenant: KnownTenant, principal: SignedIn
) -> list[FeedRead]:
    return [_feed(f) for f in await service.list_feeds(session, principal, tenant.slug)]


@router.delete(
    "/calendar/feeds/{feed_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Revoke a subscription link",
)
async def delete_feed(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, feed_id: uuid.UUID
) -> Response:
    await service.delete_feed(session, principal, tenant.slug, feed_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar/subscriptions/{token}.ics",
    summary="A staff calendar behind its secret link (for calendar apps, which send no token)",
    responses=ICAL_RESPONSES,
    response_class=Response,
)
async def subscription(session: DbSession, tenant: KnownTenant, token: str) -> Response:
    return _ical(await service.subscription_feed(session, tenant, token), private=True)


def _evaluation(moment: EvaluationMoment) -> EvaluationRead:
    return EvaluationRead.model_validate(moment, from_attributes=True)


@router.get("/calendar/evaluations", summary="Planned evaluation moments (staff)")
async def list_evaluations(
    session: DbSession, tenant: KnownTenant, principal: SignedIn
) -> list[EvaluationRead]:
    return [_evaluation(m) for m in await service.list_evaluations(session, principal, tenant.slug)]


@router.post(
    "/calendar/evaluations",
    status_code=status.HTTP_201_CREATED,
    summary="Plan an evaluation moment (communications, superadmin, department head)",
)
async def plan_evaluation(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, body: EvaluationCreate
) -> EvaluationRead:
    return _evaluation(await service.plan_evaluation(session, principal, tenant, body))


@router.delete(
    "/calendar/evaluations/{evaluation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an evaluation moment",
)
async def delete_evaluation(
    session: DbSession, tenant: KnownTenant, principal: SignedIn, evaluation_id: uuid.UUID
) -> Response:
    await service.delete_evaluation(session, principal, tenant.slug, evaluation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
