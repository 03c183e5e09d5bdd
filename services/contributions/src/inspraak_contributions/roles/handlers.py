"""Consumes identity's role events into the grant read model."""

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.roles.schemas import RoleGrantEvent
from inspraak_contributions.roles.service import apply_grant_event
from inspraak_shared.events import CloudEvent, ConsumerSpec, stream_name

logger = logging.getLogger("inspraak.contributions.roles")

# A durable of its own: a new consumer delivers the stream from its start, so the read
# model is filled from every grant identity still holds in the stream.
ROLES_CONSUMER = ConsumerSpec(
    durable="contributions-roles",
    stream=stream_name("identity"),
    filter_subjects=["inspraak.*.identity.role.granted", "inspraak.*.identity.role.revoked"],
)


async def handle_role_event(session: AsyncSession, event: CloudEvent) -> None:
    verb = event.type.split(".")[-2]
    grant = RoleGrantEvent.model_validate(event.data)
    stored = await apply_grant_event(session, event.tenant, verb, grant, event.time)
    if not stored:
        logger.info("kept a later state of grant %s than %s", grant.grant_id, event.type)
