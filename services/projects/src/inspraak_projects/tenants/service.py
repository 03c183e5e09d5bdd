"""Keeps the tenant read model current from identity's `tenant.applied` snapshots."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.clock import utcnow
from inspraak_projects.common.text import SUPPORTED_LANGUAGES
from inspraak_projects.tenants import repository
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.problems import NotFound


async def apply_snapshot(session: AsyncSession, data: dict[str, Any]) -> bool:
    """Store identity's tenant snapshot unless we hold a newer one; True when stored."""
    slug = str(data["slug"])
    version = int(data["version"])
    languages = [lang for lang in data.get("languages", []) if lang in SUPPORTED_LANGUAGES]
    default_language = str(data.get("default_language") or (languages or ["nl"])[0])
    values = {
        "version": version,
        "display_name": str(data.get("display_name") or slug),
        "default_language": default_language,
        "languages": languages or [default_language],
        "require_project_approval": bool(data.get("require_project_approval", False)),
        "allow_external_moderators": bool(data.get("allow_external_moderators", False)),
        "updated_at": utcnow(),
    }
    current = await repository.get_for_update(session, slug)
    if current is None:
        repository.add(session, TenantConfig(slug=slug, **values))
    elif current.version < version:
        for name, value in values.items():
            setattr(current, name, value)
    else:
        return False
    await session.flush()
    return True


async def known_tenant(session: AsyncSession, slug: str) -> TenantConfig:
    tenant = await repository.get(session, slug)
    if tenant is None:
        raise NotFound(
            "This municipality is not (yet) known to the projects service.",
            slug="tenant-unknown",
        )
    return tenant
