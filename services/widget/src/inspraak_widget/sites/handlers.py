"""identity's tenant events: the site read model, the domains the spec seeds, and forgetting
everything of a tenant that was deleted."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events import CloudEvent, ConsumerSpec
from inspraak_widget.catalog import service as catalog
from inspraak_widget.domains import service as domains
from inspraak_widget.redirects import service as redirects
from inspraak_widget.sites import repository, service
from inspraak_widget.sites.schemas import TenantApplied

IDENTITY_CONSUMER = ConsumerSpec(
    durable="widget-identity",
    stream="INSPRAAK_IDENTITY",
    filter_subjects=[
        "inspraak.*.identity.tenant.applied",
        "inspraak.*.identity.tenant.deleted",
    ],
)


async def on_identity_event(session: AsyncSession, event: CloudEvent) -> None:
    if event.type.split(".")[4] == "deleted":
        await forget_tenant(session, event.tenant)
        return
    spec = TenantApplied.model_validate(event.data)
    site = await service.apply(session, event.tenant, spec)
    if site is not None:
        await domains.follow_spec(session, site, spec.domains)


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    await redirects.forget_tenant(session, tenant)
    await domains.forget_tenant(session, tenant)
    await catalog.forget_tenant(session, tenant)
    site = await repository.get(session, tenant)
    if site is not None:
        await repository.delete(session, site)
    await session.flush()
