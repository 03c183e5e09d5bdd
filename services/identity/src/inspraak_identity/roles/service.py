"""Granting and revoking roles, mirrored into Keycloak, announced as events.

Tenant-wide roles become Keycloak realm roles. Scoped roles live here and are mirrored
into the user attribute `inspraak_scopes`, which the realm's clients put in the token
as `role:scope:id[:external]`. An external moderator's grant waits for the terms of use.
"""

import uuid
from collections.abc import Sequence
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.keycloak.admin import SCOPES_ATTRIBUTE, RealmUsers
from inspraak_identity.people.repository import PersonRepository
from inspraak_identity.projects import repository as projects
from inspraak_identity.roles import events
from inspraak_identity.roles.models import RoleGrant, SupportGrant
from inspraak_identity.roles.repository import RoleGrantRepository, SupportGrantRepository
from inspraak_identity.roles.schemas import SCOPES, GrantStatus, RoleAssignment, RoleGrantCreate
from inspraak_identity.schemas import utcnow
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.terms import service as terms
from inspraak_shared.auth import Principal, ScopedRole
from inspraak_shared.problems import Conflict, Forbidden, NotFound, UnprocessableContent

# Beyond this many scoped roles the token would grow too big; events carry them all.
MAX_SCOPES_IN_TOKEN = 50


def external_allowed(tenant: Tenant, assignment: RoleAssignment) -> None:
    if assignment.external and not tenant.allow_external_moderators:
        raise Conflict(
            f"{tenant.display_name} does not allow external project moderators.",
            slug="external-moderators-not-allowed",
        )


async def check_department_head_may_assign(
    session: AsyncSession, tenant: str, departments: frozenset[str], assignment: RoleAssignment
) -> None:
    """A department head hands out only moderation of projects in their department."""
    if assignment.role != "project_moderator" or assignment.scope_id is None:
        raise Forbidden(
            "A department head can only make people project moderators.", slug="role-not-yours"
        )
    department = await projects.department_of(session, tenant, assignment.scope_id)
    if department is None or department not in departments:
        raise Forbidden(
            "That project is not in your department.", slug="project-not-in-your-department"
        )


async def person_to_grant(
    session: AsyncSession, users: RealmUsers, tenant: str, body: RoleGrantCreate
) -> tuple[str, str]:
    """The user id and username of the person a grant names (by id or by exact username)."""
    if body.username is not None:
        person = await PersonRepository(session).by_username(tenant, body.username)
        if person is None or person.status != "active":
            raise NotFound(
                f"There is nobody with the username {body.username!r} here.",
                slug="person-unknown",
            )
        return person.user_id, person.username
    assert body.user_id is not None
    account = await users.get(body.user_id)
    if account is None:
        raise NotFound("There is no such person here.", slug="person-unknown")
    return body.user_id, str(account["username"])


async def grant_role(
    session: AsyncSession,
    users: RealmUsers,
    tenant: Tenant,
    *,
    user_id: str,
    username: str,
    assignment: RoleAssignment,
    granted_by: str,
    invitation_id: str | None = None,
) -> RoleGrant:
    """Give the role (idempotent: an existing live grant is returned as it is)."""
    external_allowed(tenant, assignment)
    repository = RoleGrantRepository(session)
    existing = await repository.find_live(
        tenant.slug, user_id, assignment.role, assignment.scope_id
    )
    if existing is not None:
        return existing
    waits_for_terms = assignment.external and not await terms.has_accepted_current(
        session, tenant.slug, user_id
    )
    now = utcnow()
    grant = await repository.add(
        RoleGrant(
            id=str(uuid.uuid4()),
            tenant=tenant.slug,
            user_id=user_id,
            username=username,
            role=assignment.role,
            scope=assignment.scope,
            scope_id=assignment.scope_id,
            external=assignment.external,
            status=(GrantStatus.PENDING_TERMS if waits_for_terms else GrantStatus.ACTIVE).value,
            granted_by=granted_by,
            invitation_id=invitation_id,
            granted_at=now,
            activated_at=None if waits_for_terms else now,
        )
    )
    if waits_for_terms:
        events.role_granted(session, grant)
    else:
        await _make_effective(session, users, grant)
    return grant


async def _make_effective(session: AsyncSession, users: RealmUsers, grant: RoleGrant) -> None:
    if grant.scope is None:
        await users.add_realm_role(grant.user_id, grant.role)
    else:
        await mirror_scopes(session, users, grant.tenant, grant.user_id)
    events.role_granted(session, grant)


async def revoke(
    session: AsyncSession,
    users: RealmUsers,
    grant: RoleGrant,
    *,
    revoked_by: str,
    mirror: bool = True,
) -> RoleGrant:
    if grant.status == GrantStatus.REVOKED:
        return grant
    status_before = grant.status
    grant.status = GrantStatus.REVOKED.value
    grant.revoked_at = utcnow()
    grant.revoked_by = revoked_by
    session.add(grant)
    await session.flush()
    if mirror:
        if grant.scope is None:
            await users.remove_realm_role(grant.user_id, grant.role)
        else:
            await mirror_scopes(session, users, grant.tenant, grant.user_id)
    events.role_revoked(session, grant, status_before)
    return grant


async def mirror_scopes(
    session: AsyncSession, users: RealmUsers, tenant: str, user_id: str
) -> None:
    """Write the person's active scoped roles into the Keycloak attribute the token carries."""
    grants = await RoleGrantRepository(session).live_of_user(tenant, user_id)
    values = sorted(
        str(ScopedRole(g.role, g.scope or "", g.scope_id or "", g.external))
        for g in grants
        if g.scope is not None and g.status == GrantStatus.ACTIVE
    )
    await users.set_attribute(user_id, SCOPES_ATTRIBUTE, values[:MAX_SCOPES_IN_TOKEN])


async def activate_after_terms(
    session: AsyncSession, users: RealmUsers, tenant: str, user_id: str
) -> list[RoleGrant]:
    """The person accepted the terms: their waiting external grants become active."""
    activated = []
    for grant in await RoleGrantRepository(session).live_of_user(tenant, user_id):
        if grant.status != GrantStatus.PENDING_TERMS:
            continue
        grant.status = GrantStatus.ACTIVE.value
        grant.activated_at = utcnow()
        session.add(grant)
        activated.append(grant)
    if activated:
        await session.flush()
        await mirror_scopes(session, users, tenant, user_id)
        for grant in activated:
            events.role_granted(session, grant)
    return activated


async def department_ids(session: AsyncSession, tenant: str, user_id: str) -> frozenset[str]:
    return await RoleGrantRepository(session).active_scope_ids(tenant, user_id, "department_head")


async def grants_visible_to(
    session: AsyncSession,
    tenant: str,
    departments: frozenset[str] | None,
    *,
    user_id: str | None = None,
    role: str | None = None,
    include_revoked: bool = False,
) -> Sequence[RoleGrant]:
    grants = await RoleGrantRepository(session).search(
        tenant, user_id=user_id, role=role, include_revoked=include_revoked
    )
    if departments is None:
        return grants
    return [g for g in grants if await in_departments(session, tenant, g, departments)]


async def in_departments(
    session: AsyncSession, tenant: str, grant: RoleGrant, departments: frozenset[str]
) -> bool:
    if grant.scope == "department":
        return grant.scope_id in departments
    if grant.scope == "project" and grant.scope_id is not None:
        return await projects.department_of(session, tenant, grant.scope_id) in departments
    return False


async def get_grant(session: AsyncSession, tenant: str, grant_id: str) -> RoleGrant:
    grant = await RoleGrantRepository(session).get(tenant, grant_id, for_update=True)
    if grant is None:
        raise NotFound("There is no such role grant.", slug="grant-unknown")
    return grant


async def grant_support_access(
    session: AsyncSession, principal: Principal, *, hours: int, reason: str, max_hours: int
) -> SupportGrant:
    if hours > max_hours:
        raise UnprocessableContent(
            f"Support access lasts at most {max_hours} hours.", slug="support-access-too-long"
        )
    now = utcnow()
    grant = await SupportGrantRepository(session).add(
        SupportGrant(
            id=str(uuid.uuid4()),
            tenant=principal.tenant,
            granted_by_user_id=principal.user_id,
            granted_by_username=principal.username,
            reason=reason,
            starts_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    events.support_access_changed(session, grant, "granted")
    return grant


async def revoke_support_access(
    session: AsyncSession, principal: Principal, grant_id: str
) -> SupportGrant:
    grant = await SupportGrantRepository(session).get(principal.tenant, grant_id)
    if grant is None:
        raise NotFound("There is no such support access.", slug="support-access-unknown")
    if grant.revoked_at is None:
        grant.revoked_at = utcnow()
        grant.revoked_by = principal.username
        session.add(grant)
        await session.flush()
        events.support_access_changed(session, grant, "revoked")
    return grant


async def active_support_access(session: AsyncSession, tenant: str) -> SupportGrant | None:
    return await SupportGrantRepository(session).active(tenant, utcnow())


async def support_accesses(session: AsyncSession, tenant: str) -> Sequence[SupportGrant]:
    return await SupportGrantRepository(session).search(tenant)


def scope_of(role: str) -> str | None:
    return SCOPES.get(role)
