"""The events this service consumes, with the handler of each.

One durable consumer per owning service's stream, so events of one service arrive in
order. Across streams there is no order: a handler that needs something another
stream has not delivered yet raises and is retried with back-off.
"""

from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications import erasure
from inspraak_notifications.activity import service as activity
from inspraak_notifications.directory import service as directory
from inspraak_notifications.dispatch import handlers as dispatch
from inspraak_notifications.event_data import kind
from inspraak_shared.events import CloudEvent, ConsumerSpec, Handler, stream_name


async def _registered(session: AsyncSession, event: CloudEvent) -> None:
    await directory.apply_contact(session, event, registered=True)
    await activity.apply_registration(session, event)


async def _contact_changed(session: AsyncSession, event: CloudEvent) -> None:
    await directory.apply_contact(session, event, registered=False)


async def _role_granted(session: AsyncSession, event: CloudEvent) -> None:
    await directory.apply_role(session, event, granted=True)


async def _role_revoked(session: AsyncSession, event: CloudEvent) -> None:
    await directory.apply_role(session, event, granted=False)


ROUTES: dict[str, Handler] = {
    "identity.tenant.applied": directory.apply_tenant,
    "identity.tenant.deleted": erasure.on_tenant_deleted,
    "identity.user.registered": _registered,
    "identity.user.contact_changed": _contact_changed,
    "identity.user.erased": erasure.on_user_erased,
    "identity.role.granted": _role_granted,
    "identity.role.revoked": _role_revoked,
    "identity.invitation.created": dispatch.on_invitation_sent,
    "identity.invitation.resent": dispatch.on_invitation_sent,
    "identity.invitation.accepted": dispatch.on_invitation_accepted,
    "projects.department.created": dispatch.on_department,
    "projects.department.updated": dispatch.on_department,
    "projects.department.deleted": dispatch.on_department,
    "projects.project.created": dispatch.on_project_snapshot,
    "projects.project.updated": dispatch.on_project_snapshot,
    "projects.project.archived": dispatch.on_project_snapshot,
    "projects.project.visibility_changed": dispatch.on_project_snapshot,
    "projects.project.published": dispatch.on_project_published,
    "projects.project.approval_requested": dispatch.on_approval_requested,
    "projects.project.approval_decided": dispatch.on_approval_decided,
    "projects.phase.started": dispatch.on_phase_started,
    "projects.update.posted": dispatch.on_update_posted,
    "projects.follower.added": dispatch.on_follower,
    "projects.follower.removed": dispatch.on_follower,
    "contributions.input.created": dispatch.on_input,
    "contributions.input.updated": dispatch.on_input,
    "contributions.input.status_changed": dispatch.on_input,
    "contributions.input.hidden": dispatch.on_input,
    "contributions.input.unhidden": dispatch.on_input,
    "contributions.input.deleted": dispatch.on_input,
    "contributions.comment.created": dispatch.on_comment_created,
    "contributions.item.reported": dispatch.on_item_reported,
    "contributions.votes.changed": dispatch.on_votes_changed,
    "contributions.survey.submitted": dispatch.on_survey_submitted,
    "contributions.reaction.set": dispatch.on_reaction_set,
    "contributions.scenario.ranked": dispatch.on_scenario_ranked,
}

SOURCES = ("identity", "projects", "contributions")


async def route(session: AsyncSession, event: CloudEvent) -> None:
    """Hand the event to its handler; kinds this service has no use for are acknowledged."""
    handler = ROUTES.get(kind(event))
    if handler is not None:
        await handler(session, event)


def consumers(
    *, durable_prefix: str = "notifications", tenants: Sequence[str] = ("*",)
) -> list[tuple[ConsumerSpec, Handler]]:
    """One durable consumer per source stream; tests narrow it to their own tenants."""
    return [
        (
            ConsumerSpec(
                durable=f"{durable_prefix}-{source}",
                stream=stream_name(source),
                filter_subjects=[f"inspraak.{tenant}.{source}.>" for tenant in tenants],
                max_deliver=8,
                backoff_seconds=(1.0, 5.0, 30.0, 120.0, 600.0),
            ),
            route,
        )
        for source in SOURCES
    ]


CONSUMERS: list[tuple[ConsumerSpec, Handler]] = consumers()
