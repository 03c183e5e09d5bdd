"""The tenant read model: newest version wins; pages get a neutral default meanwhile."""

from pydantic import TypeAdapter, ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_gateway.branding import repository
from inspraak_gateway.branding.models import utcnow
from inspraak_gateway.branding.schemas import Branding, HexColour, TenantApplied

_COLOUR = TypeAdapter(HexColour)


def safe_colour(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return _COLOUR.validate_python(value).lower()
    except ValidationError:
        return None  # a colour we cannot vouch for is left out; the neutral theme stays


def safe_logo(value: str | None) -> str | None:
    """Only https (or our own path): the CSP allows no other image source anyway."""
    if value and (value.startswith("https://") or value.startswith("/")) and len(value) <= 2000:
        return value
    return None


async def apply(session: AsyncSession, spec: TenantApplied) -> None:
    branding = spec.branding
    default = (
        spec.default_language if spec.default_language in spec.languages else spec.languages[0]
    )
    await repository.upsert_newer(
        session,
        {
            "tenant": spec.slug,
            "version": spec.version,
            "display_name": spec.display_name[:200],
            "default_language": default,
            "languages": spec.languages,
            "primary_color": safe_colour(branding.primary_color if branding else None),
            "logo_url": safe_logo(branding.logo_url if branding else None),
            "allow_self_registration": spec.allow_self_registration,
            "updated_at": utcnow(),
        },
    )


async def forget(session: AsyncSession, tenant: str) -> None:
    await repository.remove(session, tenant)


async def branding_of(session: AsyncSession, tenant: str) -> Branding:
    row = await repository.get(session, tenant)
    if row is None:
        # identity's event has not arrived (yet): the host lookup already vouched for the
        # tenant, so its pages work in the neutral theme under the slug.
        return Branding(tenant=tenant, display_name=tenant)
    return Branding(
        tenant=row.tenant,
        version=row.version,
        display_name=row.display_name,
        default_language=row.default_language,
        languages=tuple(row.languages),
        primary_color=row.primary_color,
        logo_url=row.logo_url,
        allow_self_registration=row.allow_self_registration,
    )
