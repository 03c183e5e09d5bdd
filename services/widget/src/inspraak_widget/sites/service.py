"""The site read model: which tenants exist, their languages and branding."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.problems import NotFound
from inspraak_widget.sites import repository
from inspraak_widget.sites.models import Site, utcnow
from inspraak_widget.sites.schemas import TenantApplied


async def require(session: AsyncSession, tenant: str) -> Site:
    site = await repository.get(session, tenant)
    if site is None:
        raise NotFound("This municipality is not known here.", slug="tenant-unknown")
    return site


async def apply(session: AsyncSession, tenant: str, spec: TenantApplied) -> Site | None:
    """Store a newer tenant snapshot; None when ours is as new (redelivery, reordering)."""
    site = await repository.get(session, tenant, lock=True)
    if site is not None and spec.version is not None and site.version >= spec.version:
        return None
    branding = spec.branding
    values = {
        "version": spec.version if spec.version is not None else (site.version if site else 0),
        "display_name": spec.display_name,
        "default_language": spec.default_language,
        "languages": list(spec.languages),
        "primary_color": branding.primary_color if branding else None,
        "logo_url": branding.logo_url if branding else None,
        "updated_at": utcnow(),
    }
    if site is None:
        # A concurrent first insert of the same tenant fails on the key and is retried.
        site = Site(tenant=tenant, spec_domains={}, **values)
    else:
        for name, value in values.items():
            setattr(site, name, value)
    session.add(site)
    await session.flush()
    return site
