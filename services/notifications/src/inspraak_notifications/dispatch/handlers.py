"""Event handlers that update the read models and notify the people concerned.

Each runs in the consumer's transaction with its inbox row: all of it happens once,
or (on an error) not at all and the event is retried.
"""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications import links
from inspraak_notifications.activity import service as activity
from inspraak_notifications.directory import service as directory
from inspraak_notifications.dispatch.service import notify, notify_address
from inspraak_notifications.event_data import ReadModelNotReady, ids, text
from inspraak_notifications.kinds import NotificationType as T
from inspraak_notifications.mail.rich_text import teasers
from inspraak_notifications.projects import service as projects
from inspraak_notifications.projects.models import ProjectView
from inspraak_shared.events import CloudEvent

EXCERPT = 600  # an update's body in a mail is a teaser; the platform has the rest


# --- identity -------------------------------------------------------------------------


async def on_invitation_sent(session: AsyncSession, event: CloudEvent) -> None:
    """`invitation.created` and `.resent`: the invitee has no account, only an address."""
    data = event.data
    address = text(data, "email")
    if address is None:
        return
    params = {
        "url": text(data, "accept_url"),
        "expires_at": text(data, "expires_at"),
        "inviter": text(data, "inviter_username"),
        "message": text(data, "message"),
        "role": text(data, "role"),
    }
    await notify_address(
        session,
        tenant=event.tenant,
        address=address,
        language=text(data, "language"),
        kind=T.INVITATION,
        params=params,
        key=event.id,
        at=event.time,
    )


async def on_invitation_accepted(session: AsyncSession, event: CloudEvent) -> None:
    data = event.data
    inviter = text(data, "inviter_user_id")
    if inviter is None and text(data, "inviter_username"):
        inviter = await directory.user_id_by_username(
            session, event.tenant, str(data["inviter_username"])
        )
    if inviter is None:
        return  # invited by the platform itself (the bootstrap superadmin)
    await notify(
        session,
        tenant=event.tenant,
        user_ids=[inviter],
        kind=T.INVITATION_ACCEPTED,
        params={"username": text(data, "username"), "role": text(data, "role"), "path": links.TEAM},
        key=event.id,
        at=event.time,
        actor_user_id=text(data, "user_id"),
    )


# --- projects -------------------------------------------------------------------------


async def _project_from(session: AsyncSession, event: CloudEvent) -> ProjectView:
    project = await projects.apply_project(session, event)
    if project is None:
        raise ValueError("a project event without project_id")
    return project


def _language_map(value: Any) -> dict[str, str] | str:
    if isinstance(value, dict):
        return {str(lang): str(text) for lang, text in value.items() if text}
    return str(value or "")


def _project_params(project: ProjectView, **more: Any) -> dict[str, Any]:
    return {"project_title": project.title, "path": links.project(project.slug), **more}


async def on_project_snapshot(session: AsyncSession, event: CloudEvent) -> None:
    await projects.apply_project(session, event)


async def on_project_published(session: AsyncSession, event: CloudEvent) -> None:
    project = await _project_from(session, event)
    await notify(
        session,
        tenant=event.tenant,
        user_ids=await projects.followers(session, event.tenant, project),
        kind=T.PROJECT_PUBLISHED,
        params=_project_params(project),
        key=event.id,
        at=event.time,
    )


async def on_phase_started(session: AsyncSession, event: CloudEvent) -> None:
    project = await _project_from(session, event)
    phase_id = text(event.data, "phase_id")
    phase = next(
        (p for p in event.data.get("phases") or [] if str(p.get("phase_id")) == phase_id), {}
    )
    await notify(
        session,
        tenant=event.tenant,
        user_ids=await projects.followers(session, event.tenant, project),
        kind=T.PHASE_STARTED,
        params=_project_params(project, phase_title=phase.get("title") or {}),
        key=event.id,
        at=event.time,
    )


async def on_update_posted(session: AsyncSession, event: CloudEvent) -> None:
    data = event.data
    project = await _known_project(session, event)
    poster = text(data, "posted_by_user_id")
    await notify(
        session,
        tenant=event.tenant,
        user_ids=await projects.followers(
            session, event.tenant, project, ids(data, "follower_user_ids")
        ),
        kind=T.UPDATE_POSTED,
        params=_project_params(
            project,
            # Both are `{lang: text}` maps: each follower reads their own language.
            title=_language_map(data.get("title")),
            body=teasers(data.get("body"), EXCERPT),
        ),
        key=event.id,
        at=event.time,
        actor_user_id=poster,
    )


async def on_approval_requested(session: AsyncSession, event: CloudEvent) -> None:
    project = await _project_from(session, event)
    heads = await projects.department_heads(session, event.tenant, project.department_id)
    # Without a department head, the superadmin decides.
    deciders = heads or await directory.superadmins(session, event.tenant)
    department = await projects.department(session, event.tenant, project.department_id)
    await notify(
        session,
        tenant=event.tenant,
        user_ids=deciders,
        kind=T.APPROVAL_REQUESTED,
        params={
            "project_title": project.title,
            "department_name": department.name if department else {},
            "path": links.project_settings(project.slug),
        },
        key=event.id,
        at=event.time,
    )


async def on_approval_decided(session: AsyncSession, event: CloudEvent) -> None:
    project = await _project_from(session, event)
    await notify(
        session,
        tenant=event.tenant,
        user_ids=await projects.moderators(session, event.tenant, project),
        kind=T.APPROVAL_DECIDED,
        params=_project_params(
            project, decision=text(event.data, "decision"), comment=text(event.data, "comment")
        ),
        key=event.id,
        at=event.time,
        actor_user_id=text(event.data, "decided_by_user_id"),
    )


async def on_department(session: AsyncSession, event: CloudEvent) -> None:
    await projects.apply_department(session, event, deleted=event.type.endswith(".deleted.v1"))


async def on_follower(session: AsyncSession, event: CloudEvent) -> None:
    await projects.apply_follower(session, event, added=".added." in event.type)


# --- contributions --------------------------------------------------------------------


async def _known_project(session: AsyncSession, event: CloudEvent) -> ProjectView:
    project_id = text(event.data, "project_id")
    project = await projects.project(session, event.tenant, project_id) if project_id else None
    if project is None:
        # The projects stream has not delivered it yet: retry with back-off.
        raise ReadModelNotReady(f"project {project_id} of {event.tenant} is not known yet")
    return project


async def on_input(session: AsyncSession, event: CloudEvent) -> None:
    """New input to the moderators; a new status or an official response to the author.

    Snapshots may arrive out of order after retries: the first one seen creates the
    input (dated by its own `created_at`), older ones are ignored.
    """
    change = await activity.apply_input(session, event)
    if change is None or change.fact.hidden:
        return
    fact = change.fact
    project = await _known_project(session, event)
    path = links.project_input(project.slug, fact.input_id)
    if change.created:
        await notify(
            session,
            tenant=event.tenant,
            user_ids=await projects.moderators(session, event.tenant, project),
            kind=T.NEW_INPUT,
            params={
                "project_title": project.title,
                "title": fact.title,
                "author": text(event.data, "author_username"),
                "path": path,
            },
            key=event.id,
            at=fact.created_at,
            actor_user_id=fact.author_user_id,
        )
    if fact.author_user_id is None or not (change.status_changed or change.response_changed):
        return
    await notify(
        session,
        tenant=event.tenant,
        user_ids=[fact.author_user_id],
        kind=T.INPUT_STATUS_CHANGED if change.status_changed else T.OFFICIAL_RESPONSE,
        params={
            "project_title": project.title,
            "title": fact.title,
            "status": fact.status,
            "response": fact.official_response if change.response_changed else None,
            "path": path,
        },
        key=event.id,
        at=event.time,
    )


async def on_comment_created(session: AsyncSession, event: CloudEvent) -> None:
    data = event.data
    if not await activity.apply_comment(session, event):
        return
    parent_author = text(data, "parent_author_user_id")
    if parent_author is None:
        return
    project = await _known_project(session, event)
    input_id = text(data, "input_id") or ""
    fact = await activity.input_fact(session, event.tenant, input_id)
    await notify(
        session,
        tenant=event.tenant,
        user_ids=[parent_author],
        kind=T.COMMENT_REPLY,
        params={
            "project_title": project.title,
            "title": fact.title if fact else "",
            "author": text(data, "author_username"),
            "path": links.project_input(project.slug, input_id),
        },
        key=event.id,
        at=event.time,
        actor_user_id=text(data, "author_user_id"),
    )


async def on_item_reported(session: AsyncSession, event: CloudEvent) -> None:
    activity.apply_report(session, event)
    project = await _known_project(session, event)
    data = event.data
    await notify(
        session,
        tenant=event.tenant,
        user_ids=await projects.moderators(session, event.tenant, project),
        kind=T.ITEM_REPORTED,
        params={
            "project_title": project.title,
            "item_type": text(data, "item_type"),
            "reason": text(data, "reason"),
            "open_reports": data.get("open_reports"),
            "path": links.moderation(project.slug),
        },
        key=event.id,
        at=event.time,
    )


async def on_votes_changed(session: AsyncSession, event: CloudEvent) -> None:
    activity.apply_tally(session, event, "votes")


async def on_survey_submitted(session: AsyncSession, event: CloudEvent) -> None:
    activity.apply_tally(session, event, "survey")


async def on_reaction_set(session: AsyncSession, event: CloudEvent) -> None:
    activity.apply_tally(session, event, "reactions")


async def on_scenario_ranked(session: AsyncSession, event: CloudEvent) -> None:
    activity.apply_tally(session, event, "rankings")
