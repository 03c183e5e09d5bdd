"""Keeping the directory in step with identity events, and looking people up."""

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.directory import repository
from inspraak_notifications.directory.models import Person, RoleAssignment, TenantInfo
from inspraak_notifications.event_data import text, time_of
from inspraak_notifications.i18n import Language, as_language, pick_language
from inspraak_shared.auth import Principal
from inspraak_shared.events import CloudEvent

SUPERADMIN = "superadmin"
POLICY_MAKER = "policy_maker"
DEPARTMENT_HEAD = "department_head"
PROJECT_MODERATOR = "project_moderator"


@dataclass(frozen=True)
class TenantLook:
    """What a mail needs of its tenant, with defaults while `tenant.applied` is not in yet."""

    slug: str
    display_name: str
    country: str
    default_language: str
    domain: str | None
    primary_color: str
    logo_url: str | None


async def apply_contact(session: AsyncSession, event: CloudEvent, *, registered: bool) -> None:
    data = event.data
    user_id = text(data, "user_id")
    if user_id is None:
        return
    await repository.save_contact(
        session,
        tenant=event.tenant,
        user_id=user_id,
        username=text(data, "username") or user_id,
        email=text(data, "email"),
        language=as_language(data.get("language")),
        kind=text(data, "kind"),
        at=event.time,
        registered=registered,
    )


async def apply_role(session: AsyncSession, event: CloudEvent, *, granted: bool) -> None:
    data = event.data
    user_id, role = text(data, "user_id"), text(data, "role")
    if user_id is None or role is None:
        return
    scope, scope_id = text(data, "scope") or "", text(data, "scope_id") or ""
    if not granted:
        await repository.revoke_role(session, event.tenant, user_id, role, scope, scope_id)
        return
    await repository.grant_role(
        session,
        RoleAssignment(
            tenant=event.tenant,
            user_id=user_id,
            role=role,
            scope=scope,
            scope_id=scope_id,
            external=bool(data.get("external")),
            status=text(data, "status") or "active",
            granted_at=event.time,
        ),
    )
    if data.get("username"):
        # A role event is often the first news of a staff member: keep their username.
        await repository.remember_username(session, event.tenant, user_id, str(data["username"]))


async def apply_tenant(session: AsyncSession, event: CloudEvent) -> None:
    data = event.data
    domains = data.get("domains") if isinstance(data.get("domains"), dict) else {}
    branding = data.get("branding") if isinstance(data.get("branding"), dict) else {}
    languages = [lang for lang in data.get("languages") or [] if as_language(lang)]
    await repository.save_tenant(
        session,
        TenantInfo(
            slug=event.tenant,
            version=int(data.get("version") or 0),
            display_name=text(data, "display_name") or event.tenant,
            country=text(data, "country") or "NL",
            default_language=as_language(data.get("default_language")) or "nl",
            languages=languages,
            primary_domain=text(domains or {}, "primary"),
            branding={
                "primary_color": text(branding or {}, "primary_color"),
                "logo_url": text(branding or {}, "logo_url"),
            },
            first_seen_at=time_of(data, "created_at", event),
        ),
    )


async def look(session: AsyncSession, tenant: str) -> TenantLook:
    info = await repository.tenant(session, tenant)
    if info is None:
        return TenantLook(tenant, tenant, "NL", "nl", None, "#1d4ed8", None)
    return TenantLook(
        slug=info.slug,
        display_name=info.display_name,
        country=info.country,
        default_language=info.default_language,
        domain=info.primary_domain,
        primary_color=info.branding.get("primary_color") or "#1d4ed8",
        logo_url=info.branding.get("logo_url"),
    )


async def language_of(
    session: AsyncSession, principal: Principal, wanted: Language | None = None
) -> Language:
    """The language to show the caller: asked for, else theirs, else the tenant's."""
    if wanted is not None:
        return wanted
    found = await repository.person(session, principal.tenant, principal.user_id)
    tenant = await repository.tenant(session, principal.tenant)
    return pick_language(
        found.language if found else None, tenant.default_language if tenant else None
    )


async def person(session: AsyncSession, tenant: str, user_id: str) -> Person | None:
    return await repository.person(session, tenant, user_id)


async def superadmins(session: AsyncSession, tenant: str) -> list[str]:
    return await repository.role_holders(session, tenant, SUPERADMIN)


async def policy_makers(session: AsyncSession, tenant: str) -> list[str]:
    return await repository.role_holders(session, tenant, POLICY_MAKER)


async def scoped_holders(session: AsyncSession, tenant: str, role: str, scope_id: str) -> list[str]:
    scope = "department" if role == DEPARTMENT_HEAD else "project"
    return await repository.role_holders(session, tenant, role, scope, scope_id)


async def user_id_by_username(session: AsyncSession, tenant: str, username: str) -> str | None:
    found = await repository.person_by_username(session, tenant, username)
    return found.user_id if found else None
