"""Who may manage people and roles.

- superadmin: the whole tenant;
- support: the whole tenant, but only while a superadmin's time-boxed grant is active,
  and every request is written to the audit log;
- department head: the people of their own department(s) (from identity's own grants,
  not the token, so a revocation counts at once).
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from inspraak_identity.audit import service as audit
from inspraak_identity.roles import service
from inspraak_shared.auth import CurrentPrincipal, PlatformRole, Principal, TenantRole
from inspraak_shared.db import DbSession
from inspraak_shared.problems import Forbidden


@dataclass(frozen=True)
class Actor:
    principal: Principal
    acting_as: str
    # None: the whole tenant; otherwise the departments the actor heads.
    department_ids: frozenset[str] | None = None

    @property
    def whole_tenant(self) -> bool:
        return self.department_ids is None


async def _as_tenant_admin(
    request: Request, principal: Principal, session: DbSession
) -> Actor | None:
    if principal.has_role(TenantRole.SUPERADMIN):
        return Actor(principal, TenantRole.SUPERADMIN.value)
    if principal.has_role(PlatformRole.SUPPORT):
        grant = await service.active_support_access(session, principal.tenant)
        if grant is not None:
            await audit.record(
                session,
                principal,
                acting_as=PlatformRole.SUPPORT.value,
                action=f"{request.method} {request.url.path}",
                detail={"supportAccessId": grant.id},
            )
            return Actor(principal, PlatformRole.SUPPORT.value)
    return None


async def superadmin(principal: CurrentPrincipal) -> Actor:
    if not principal.has_role(TenantRole.SUPERADMIN):
        raise Forbidden("Only a superadmin can do this.", slug="superadmin-only")
    return Actor(principal, TenantRole.SUPERADMIN.value)


async def tenant_admin(request: Request, principal: CurrentPrincipal, session: DbSession) -> Actor:
    actor = await _as_tenant_admin(request, principal, session)
    if actor is None:
        raise Forbidden(
            "This needs a superadmin, or support while the superadmin grants access.",
            slug="tenant-admin-only",
        )
    return actor


async def staff_manager(request: Request, principal: CurrentPrincipal, session: DbSession) -> Actor:
    actor = await _as_tenant_admin(request, principal, session)
    if actor is not None:
        return actor
    departments = await service.department_ids(session, principal.tenant, principal.user_id)
    if departments:
        return Actor(principal, "department_head", departments)
    raise Forbidden("This needs a superadmin or a department head.", slug="staff-manager-only")


async def support_or_superadmin(principal: CurrentPrincipal) -> Principal:
    if not principal.has_role(TenantRole.SUPERADMIN, PlatformRole.SUPPORT):
        raise Forbidden("Only a superadmin or support can see this.", slug="superadmin-only")
    return principal


Superadmin = Annotated[Actor, Depends(superadmin)]
TenantAdmin = Annotated[Actor, Depends(tenant_admin)]
StaffManager = Annotated[Actor, Depends(staff_manager)]
SupportOrSuperadmin = Annotated[Principal, Depends(support_or_superadmin)]
