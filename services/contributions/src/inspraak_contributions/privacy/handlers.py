"""Consumes the identity service's erasure events."""

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.privacy.service import erase_person
from inspraak_shared.events import CloudEvent, ConsumerSpec, stream_name

logger = logging.getLogger("inspraak.contributions.privacy")

IDENTITY_CONSUMER = ConsumerSpec(
    durable="contributions-identity",
    stream=stream_name("identity"),
    filter_subjects=["inspraak.*.identity.user.erased"],
)


async def handle_user_erased(session: AsyncSession, event: CloudEvent) -> None:
    user_id = str(event.data["user_id"])
    unlinked = await erase_person(session, event.tenant, user_id)
    logger.info("anonymised the contributions of an erased account (%d inputs)", unlinked)
