"""Events about tenants: `tenant.applied` (created or changed) and `tenant.deleted`."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.tenants.models import Tenant
from inspraak_identity.tenants.schemas import TenantSpec
from inspraak_shared.events import enqueue, new_event

SERVICE = "identity"


def tenant_applied(
    session: AsyncSession, tenant: Tenant, spec: TenantSpec, *, keycloak_issuer: str
) -> None:
    """The tenant's public snapshot (docs/events.md), with a version that grows per change."""
    data = spec.model_dump(
        mode="json", exclude={"bootstrap_superadmin_email", "keycloak_url", "branding"}
    )
    data["version"] = tenant.version
    data["keycloak_issuer"] = keycloak_issuer
    data["branding"] = spec.branding.model_dump(mode="json") if spec.branding else None
    enqueue(
        session,
        new_event(
            tenant=spec.slug,
            service=SERVICE,
            entity="tenant",
            verb="applied",
            subject=spec.slug,
            data=data,
        ),
    )


def tenant_deleted(session: AsyncSession, slug: str) -> None:
    enqueue(
        session,
        new_event(
            tenant=slug,
            service=SERVICE,
            entity="tenant",
            verb="deleted",
            subject=slug,
            data={"slug": slug},
        ),
    )
