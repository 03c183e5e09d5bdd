"""The events this service consumes, with the handler of each."""

from collections.abc import Awaitable, Callable

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.calendar import handlers as calendar
from inspraak_projects.phases import handlers as phases
from inspraak_projects.projects import handlers as projects
from inspraak_projects.roles import handlers as roles
from inspraak_projects.tenants import handlers as tenants
from inspraak_projects.updates import handlers as updates
from inspraak_shared.events import CloudEvent, ConsumerSpec, Handler, stream_name

EventHandler = Callable[[AsyncSession, CloudEvent], Awaitable[None]]

IDENTITY_HANDLERS: dict[str, list[EventHandler]] = {
    "tenant.applied": [tenants.on_tenant_applied],
    "tenant.deleted": [tenants.on_tenant_deleted],
    "role.granted": [roles.on_role_granted],
    "role.revoked": [roles.on_role_revoked],
    "user.erased": [
        roles.on_user_erased,
        projects.on_user_erased,
        updates.on_user_erased,
        calendar.on_user_erased,
    ],
}


def _entity_verb(event: CloudEvent) -> str:
    # eu.inspraak.<service>.<entity>.<verb>.v<n>
    return ".".join(event.type.split(".")[3:5])


async def handle_identity_event(session: AsyncSession, event: CloudEvent) -> None:
    for handler in IDENTITY_HANDLERS.get(_entity_verb(event), []):
        await handler(session, event)


async def handle_contributions_event(session: AsyncSession, event: CloudEvent) -> None:
    await phases.on_contribution(session, event)


IDENTITY_CONSUMER = ConsumerSpec(
    durable="projects-identity",
    stream=stream_name("identity"),
    filter_subjects=[f"inspraak.*.identity.{name}" for name in IDENTITY_HANDLERS],
)
CONTRIBUTIONS_CONSUMER = ConsumerSpec(
    durable="projects-contributions",
    stream=stream_name("contributions"),
    filter_subjects=["inspraak.*.contributions.>"],
)

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = [
    (IDENTITY_CONSUMER, handle_identity_event),
    (CONTRIBUTIONS_CONSUMER, handle_contributions_event),
]
