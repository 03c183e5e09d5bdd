"""Who is who, who does what: the team overview and each person's onboarding checklist."""

from collections.abc import Iterable
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.invitations import service as invitations
from inspraak_identity.invitations.schemas import InvitationStatus
from inspraak_identity.keycloak.admin import RealmUsers
from inspraak_identity.people.repository import PersonRepository
from inspraak_identity.projects import repository as projects
from inspraak_identity.roles.auth import Actor
from inspraak_identity.roles.models import RoleGrant
from inspraak_identity.roles.repository import RoleGrantRepository
from inspraak_identity.roles.schemas import SCOPES, TENANT_ROLES, GrantStatus
from inspraak_identity.schemas import LocalizedText, utcnow
from inspraak_identity.team.catalogue import CATALOGUE, RoleProfile, profile_key
from inspraak_identity.team.repository import OnboardingRepository
from inspraak_identity.team.schemas import (
    Checklist,
    ChecklistEntry,
    ChecklistItemRead,
    OnboardingSummary,
    PendingInvitation,
    RoleProfileRead,
    Stakeholder,
    StakeholderRole,
    TeamOverview,
)
from inspraak_shared.auth import Principal
from inspraak_shared.problems import NotFound

# Someone with a role who has not been seen for this long shows as inactive.
INACTIVE_AFTER = timedelta(days=90)
STAFF_REALM_ROLES = (*TENANT_ROLES, "support")


def _text(profile: RoleProfile, field: str) -> LocalizedText:
    return LocalizedText.model_validate(getattr(profile, field).as_dict())


def role_profiles() -> list[RoleProfileRead]:
    return [
        RoleProfileRead(
            role=profile.role.removesuffix("_external"),
            external=profile.role.endswith("_external"),
            scope=profile.scope,
            title=_text(profile, "title"),
            task_package=_text(profile, "task_package"),
            workload=_text(profile, "workload"),
            checklist=[
                ChecklistItemRead(key=i.key, title=LocalizedText(**i.title.as_dict()))
                for i in profile.checklist
            ],
        )
        for profile in CATALOGUE.values()
    ]


def _role_entry(
    role: str,
    scope_id: str | None,
    external: bool,
    status: str,
    *,
    grant_id: str | None = None,
    invitation_id: str | None = None,
) -> StakeholderRole:
    profile = CATALOGUE[profile_key(role, external)]
    return StakeholderRole(
        role=role,
        scope=SCOPES.get(role),
        scope_id=scope_id,
        external=external,
        status=status,  # type: ignore[arg-type]
        grant_id=grant_id,
        invitation_id=invitation_id,
        task_package=_text(profile, "task_package"),
        workload=_text(profile, "workload"),
    )


async def _grants_in_view(session: AsyncSession, actor: Actor) -> list[RoleGrant]:
    tenant = actor.principal.tenant
    if actor.department_ids is None:
        return list(await RoleGrantRepository(session).search(tenant))
    project_ids = await projects.projects_in(session, tenant, actor.department_ids)
    return list(
        await RoleGrantRepository(session).live_in_scopes(
            tenant, departments=actor.department_ids, projects=project_ids
        )
    )


def _checklist_keys(role_keys: Iterable[str]) -> set[str]:
    return {item.key for key in role_keys for item in CATALOGUE[key].checklist}


async def overview(session: AsyncSession, users: RealmUsers, actor: Actor) -> TeamOverview:
    """Everyone with a role in the actor's view, with status, activity and task package."""
    tenant = actor.principal.tenant
    members: dict[str, dict] = {}

    def member(user_id: str, username: str) -> dict:
        return members.setdefault(user_id, {"username": username, "roles": [], "keys": set()})

    for grant in await _grants_in_view(session, actor):
        entry = member(grant.user_id, grant.username)
        entry["roles"].append(
            _role_entry(grant.role, grant.scope_id, grant.external, grant.status, grant_id=grant.id)
        )
        entry["keys"].add(profile_key(grant.role, grant.external))
    if actor.whole_tenant:
        # Tenant-wide roles may also have been given in Keycloak directly (the operator).
        for role in STAFF_REALM_ROLES:
            for account in await users.role_members(role):
                entry = member(account["id"], account["username"])
                if role not in entry["keys"]:
                    entry["roles"].append(_role_entry(role, None, False, GrantStatus.ACTIVE))
                    entry["keys"].add(role)
    people = {p.user_id: p for p in await PersonRepository(session).many(tenant, members)}
    ticked: dict[str, set[str]] = {}
    for row in await OnboardingRepository(session).of_users(tenant, members):
        ticked.setdefault(row.user_id, set()).add(row.item_key)
    now = utcnow()
    stakeholders = []
    for user_id, entry in members.items():
        person = people.get(user_id)
        last_active = person.last_active_at if person else None
        recently = last_active is not None and now - last_active < INACTIVE_AFTER
        any_active = any(r.status == GrantStatus.ACTIVE for r in entry["roles"])
        items = _checklist_keys(entry["keys"])
        stakeholders.append(
            Stakeholder(
                user_id=user_id,
                username=person.username if person else entry["username"],
                status="active" if any_active and recently else "inactive",
                last_active_at=last_active,
                roles=entry["roles"],
                onboarding=OnboardingSummary(
                    done=len(items & ticked.get(user_id, set())), total=len(items)
                ),
            )
        )
    pending = await invitations.list_invitations(
        session,
        tenant,
        invitations.Inviter(
            actor.principal.user_id, actor.principal.username, actor.department_ids
        ),
        status=InvitationStatus.PENDING,
    )
    for invitation in pending:
        stakeholders.append(
            Stakeholder(
                user_id=None,
                username=None,
                email=invitation.email,
                status="invited",
                last_active_at=None,
                roles=[
                    _role_entry(
                        invitation.role,
                        invitation.scope_id,
                        invitation.external,
                        "invited",
                        invitation_id=invitation.id,
                    )
                ],
            )
        )
    stakeholders.sort(key=lambda s: (s.status == "invited", s.username or s.email or ""))
    return TeamOverview(
        generated_at=now,
        whole_tenant=actor.whole_tenant,
        stakeholders=stakeholders,
        pending_invitations=[PendingInvitation.model_validate(i) for i in pending],
    )


async def _my_role_keys(session: AsyncSession, principal: Principal) -> dict[str, list[str]]:
    """Catalogue keys of the person's roles -> the role names shown with each item."""
    keys = {role: [role] for role in STAFF_REALM_ROLES if principal.has_role(role)}
    for grant in await RoleGrantRepository(session).live_of_user(
        principal.tenant, principal.user_id
    ):
        keys.setdefault(profile_key(grant.role, grant.external), []).append(grant.role)
    return keys


async def checklist(session: AsyncSession, principal: Principal) -> Checklist:
    role_keys = await _my_role_keys(session, principal)
    done = {
        row.item_key: row.done_at
        for row in await OnboardingRepository(session).of_user(principal.tenant, principal.user_id)
    }
    entries: dict[str, ChecklistEntry] = {}
    for key in role_keys:
        for item in CATALOGUE[key].checklist:
            entry = entries.get(item.key)
            if entry is None:
                entries[item.key] = ChecklistEntry(
                    key=item.key,
                    title=LocalizedText(**item.title.as_dict()),
                    roles=[key],
                    done=item.key in done,
                    done_at=done.get(item.key),
                )
            elif key not in entry.roles:
                entry.roles.append(key)
    items = list(entries.values())
    return Checklist(items=items, done=sum(1 for i in items if i.done), total=len(items))


async def tick(session: AsyncSession, principal: Principal, item_key: str, done: bool) -> Checklist:
    role_keys = await _my_role_keys(session, principal)
    if item_key not in _checklist_keys(role_keys):
        raise NotFound("Your checklist has no such item.", slug="checklist-item-unknown")
    await OnboardingRepository(session).tick(principal.tenant, principal.user_id, item_key, done)
    return await checklist(session, principal)
