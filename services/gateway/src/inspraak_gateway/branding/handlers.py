"""identity's tenant events: the read model of names, languages and branding."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_gateway.branding import service
from inspraak_gateway.branding.schemas import TenantApplied
from inspraak_shared.events import CloudEvent, ConsumerSpec

IDENTITY_CONSUMER = ConsumerSpec(
    durable="gateway-identity",
    stream="INSPRAAK_IDENTITY",
    filter_subjects=[
        "inspraak.*.identity.tenant.applied",
        "inspraak.*.identity.tenant.deleted",
    ],
)


async def on_identity_event(session: AsyncSession, event: CloudEvent) -> None:
    if event.type.split(".")[4] == "deleted":
        await service.forget(session, event.tenant)
        return
    spec = TenantApplied.model_validate(event.data)
    if spec.slug != event.tenant:
        return  # a snapshot must describe the tenant it was published for
    await service.apply(session, spec)
