"""Consumes identity's `tenant.deleted`."""

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.tenants.service import delete_tenant
from inspraak_shared.events import CloudEvent, ConsumerSpec, stream_name

logger = logging.getLogger("inspraak.contributions.tenants")

TENANTS_CONSUMER = ConsumerSpec(
    durable="contributions-tenants",
    stream=stream_name("identity"),
    filter_subjects=["inspraak.*.identity.tenant.deleted"],
)


async def handle_tenant_deleted(session: AsyncSession, event: CloudEvent) -> None:
    slug = str(event.data.get("slug") or event.tenant)
    if slug != event.tenant:
        # An event of one tenant never removes another's data.
        logger.warning("ignored tenant.deleted of %s sent as tenant %s", slug, event.tenant)
        return
    removed = await delete_tenant(session, slug)
    logger.info("deleted the data of tenant %s: %s", slug, removed)
