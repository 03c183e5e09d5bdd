"""Collecting notifications for digests, and sending each digest once per person and period."""

from datetime import datetime, time, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications import links
from inspraak_notifications.activity import service as activity
from inspraak_notifications.digests import repository
from inspraak_notifications.digests.models import PendingDigestItem
from inspraak_notifications.directory.models import TenantInfo
from inspraak_notifications.i18n import zone
from inspraak_notifications.kinds import NotificationType
from inspraak_notifications.mail import service as mail
from inspraak_notifications.preferences import service as preferences
from inspraak_notifications.privacy import scrub_names
from inspraak_notifications.projects import service as projects

T = NotificationType


async def queue(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    kind: NotificationType,
    params: dict[str, Any],
    at: datetime,
    actor_user_id: str | None,
) -> None:
    repository.add_item(
        session,
        PendingDigestItem(
            tenant=tenant,
            user_id=user_id,
            kind=kind,
            params=params,
            created_at=at,
            actor_user_id=actor_user_id,
        ),
    )


def daily_moment(now: datetime, country: str, hour: int) -> datetime:
    """The latest daily digest moment (local `hour`) at or before `now`."""
    local = now.astimezone(zone(country))
    moment = datetime.combine(local.date(), time(hour), tzinfo=local.tzinfo)
    return moment if moment <= local else moment - timedelta(days=1)


def weekly_moment(now: datetime, country: str, hour: int) -> datetime:
    """The latest Monday at local `hour` at or before `now`: the end of the digest's week."""
    moment = daily_moment(now, country, hour)
    return moment - timedelta(days=moment.weekday())


async def send_daily(session: AsyncSession, tenant: TenantInfo, now: datetime, hour: int) -> int:
    """Moderators who chose a daily digest get their waiting new input in one mail."""
    moment = daily_moment(now, tenant.country, hour)
    key = moment.date().isoformat()
    sent = 0
    for user_id in await repository.waiting_people(session, tenant.slug, T.NEW_INPUT, moment):
        if not await repository.start_run(
            session, tenant.slug, user_id, T.MODERATOR_DIGEST, key, now
        ):
            continue  # this one went out already: what came later waits for the next
        items = await repository.take_items(session, tenant.slug, user_id, T.NEW_INPUT, moment)
        if not items:
            continue
        await mail.enqueue(
            session,
            tenant=tenant.slug,
            kind=T.MODERATOR_DIGEST,
            user_id=user_id,
            dedupe_key=f"digest:{T.MODERATOR_DIGEST}:{key}:{user_id}",
            params={
                "count": len(items),
                "items": [item.params for item in items],
                "path": links.NOTIFICATIONS,
            },
            at=now,
        )
        sent += 1
    return sent


async def send_weekly(session: AsyncSession, tenant: TenantInfo, now: datetime, hour: int) -> int:
    """Each department head gets last week's figures of their department's projects."""
    end = weekly_moment(now, tenant.country, hour)
    if end <= tenant.first_seen_at:
        return 0  # no digest of a week before this service knew the tenant
    start = end - timedelta(days=7)
    sent = 0
    by_project: dict[str, activity.ProjectActivity] | None = None
    for department, heads in await projects.departments_with_heads(session, tenant.slug):
        department_projects = await projects.projects_of_department(
            session, tenant.slug, department.department_id
        )
        if not department_projects:
            continue
        if by_project is None:
            by_project = await activity.activity_by_project(session, tenant.slug, start, end)
        rows = []
        for project in department_projects:
            counts = by_project.get(project.project_id, activity.ProjectActivity())
            if counts.inputs or counts.comments or counts.reports:
                rows.append(
                    {
                        "project_title": project.title,
                        "path": links.project(project.slug),
                        "inputs": counts.inputs,
                        "comments": counts.comments,
                        "reports": counts.reports,
                        "participants": counts.participant_count(),
                    }
                )
        key = f"{end.date().isoformat()}:{department.department_id}"
        for user_id in heads:
            if not (
                await preferences.choice(session, tenant.slug, user_id, T.DEPARTMENT_DIGEST)
            ).email:
                continue
            if not await repository.start_run(
                session, tenant.slug, user_id, T.DEPARTMENT_DIGEST, key, now
            ):
                continue
            await mail.enqueue(
                session,
                tenant=tenant.slug,
                kind=T.DEPARTMENT_DIGEST,
                user_id=user_id,
                dedupe_key=f"digest:{T.DEPARTMENT_DIGEST}:{key}:{user_id}",
                params={
                    "department_name": department.name,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                    "projects": rows,
                    "path": links.department(department.department_id),
                },
                at=now,
            )
            sent += 1
    return sent


async def erase(session: AsyncSession, tenant: str, user_id: str) -> None:
    await repository.delete_for(session, tenant, user_id)
    for item in await repository.about(session, tenant, user_id):
        item.params, item.actor_user_id = scrub_names(item.params), None
        session.add(item)
