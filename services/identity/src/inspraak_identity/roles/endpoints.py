"""HTTP: role grants, and support access."""

from typing import Annotated

from fastapi import APIRouter, Query, status

from inspraak_identity.dependencies import ActiveTenant, Settings, Users
from inspraak_identity.roles import service
from inspraak_identity.roles.auth import StaffManager, Superadmin, SupportOrSuperadmin
from inspraak_identity.roles.models import SupportGrant
from inspraak_identity.roles.schemas import (
    RoleGrantCreate,
    RoleGrantRead,
    SupportAccessCreate,
    SupportAccessRead,
)
from inspraak_identity.schemas import utcnow
from inspraak_shared.db import DbSession
from inspraak_shared.problems import Forbidden, NotFound

router = APIRouter(prefix="/v1", tags=["roles"])


@router.get("/roles/grants", summary="Role grants (a department head sees their department's)")
async def list_grants(
    actor: StaffManager,
    tenant: ActiveTenant,
    session: DbSession,
    user_id: Annotated[str | None, Query(alias="userId")] = None,
    role: str | None = None,
    include_revoked: Annotated[bool, Query(alias="includeRevoked")] = False,
) -> list[RoleGrantRead]:
    grants = await service.grants_visible_to(
        session,
        tenant.slug,
        actor.department_ids,
        user_id=user_id,
        role=role,
        include_revoked=include_revoked,
    )
    return [RoleGrantRead.model_validate(g) for g in grants]


@router.post(
    "/roles/grants",
    status_code=status.HTTP_201_CREATED,
    summary="Give an existing person a role (a department head: moderation of their projects)",
)
async def create_grant(
    body: RoleGrantCreate,
    actor: StaffManager,
    tenant: ActiveTenant,
    session: DbSession,
    users: Users,
) -> RoleGrantRead:
    if not actor.whole_tenant:
        assert actor.department_ids is not None
        await service.check_department_head_may_assign(
            session, tenant.slug, actor.department_ids, body
        )
    user_id, username = await service.person_to_grant(session, users, tenant.slug, body)
    grant = await service.grant_role(
        session,
        users,
        tenant,
        user_id=user_id,
        username=username,
        assignment=body,
        granted_by=actor.principal.username,
    )
    return RoleGrantRead.model_validate(grant)


@router.delete(
    "/roles/grants/{grant_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take a role away (a department head: from their department's people)",
)
async def revoke_grant(
    grant_id: str, actor: StaffManager, tenant: ActiveTenant, session: DbSession, users: Users
) -> None:
    grant = await service.get_grant(session, tenant.slug, grant_id)
    if not actor.whole_tenant:
        assert actor.department_ids is not None
        visible = await service.in_departments(session, tenant.slug, grant, actor.department_ids)
        if not visible:
            raise NotFound("There is no such role grant.", slug="grant-unknown")
        if grant.role != "project_moderator":
            raise Forbidden(
                "A department head can only take away project moderation.", slug="role-not-yours"
            )
    await service.revoke(session, users, grant, revoked_by=actor.principal.username)


def _support_read(grant: SupportGrant) -> SupportAccessRead:
    now = utcnow()
    active = grant.revoked_at is None and grant.starts_at <= now < grant.expires_at
    return SupportAccessRead.model_validate({**grant.model_dump(), "active": active})


@router.post(
    "/support-access",
    status_code=status.HTTP_201_CREATED,
    summary="Let the vendor's support act in this tenant for a limited time (audited)",
)
async def grant_support_access(
    body: SupportAccessCreate,
    actor: Superadmin,
    tenant: ActiveTenant,
    session: DbSession,
    settings: Settings,
) -> SupportAccessRead:
    grant = await service.grant_support_access(
        session,
        actor.principal,
        hours=body.hours,
        reason=body.reason,
        max_hours=settings.support_access_max_hours,
    )
    return _support_read(grant)


@router.get("/support-access", summary="Support access granted in this tenant")
async def list_support_access(
    principal: SupportOrSuperadmin, tenant: ActiveTenant, session: DbSession
) -> list[SupportAccessRead]:
    return [_support_read(g) for g in await service.support_accesses(session, tenant.slug)]


@router.delete(
    "/support-access/{grant_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End support access now",
)
async def revoke_support_access(
    grant_id: str, actor: Superadmin, tenant: ActiveTenant, session: DbSession
) -> None:
    await service.revoke_support_access(session, actor.principal, grant_id)
