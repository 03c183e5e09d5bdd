"""People: registration, profiles, the person's own data, staff reads (audited), erasure."""

import hashlib
import uuid
from datetime import timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.audit import service as audit
from inspraak_identity.audit.repository import AuditRepository
from inspraak_identity.invitations.repository import InvitationRepository
from inspraak_identity.keycloak.admin import AREA_ATTRIBUTE, KIND_ATTRIBUTE, RealmUsers
from inspraak_identity.people import events
from inspraak_identity.people.models import Person
from inspraak_identity.people.repository import PersonRepository
from inspraak_identity.people.schemas import (
    ContactRead,
    GrantSummary,
    MeRead,
    MeUpdate,
    PublicProfile,
    Registered,
    RegistrationCreate,
)
from inspraak_identity.roles import service as roles
from inspraak_identity.roles.auth import Actor
from inspraak_identity.roles.repository import RoleGrantRepository
from inspraak_identity.schemas import utcnow
from inspraak_identity.team.repository import OnboardingRepository
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.terms.repository import TermsRepository
from inspraak_shared.auth import Principal
from inspraak_shared.problems import Conflict, Forbidden, Gone, NotFound, UnprocessableContent

ACTIVE = "active"
ERASED = "erased"
# Last activity is written at most this often, so reads stay reads.
ACTIVITY_RESOLUTION = timedelta(minutes=5)
OUR_REALM_ROLES = frozenset(
    {"superadmin", "policy_maker", "communications", "it_admin", "support", "user"}
)


async def check_username_free(session: AsyncSession, tenant: str, username: str) -> None:
    if await PersonRepository(session).by_username(tenant, username) is not None:
        raise Conflict("That username is taken here; choose another.", slug="username-taken")


async def ensure_person(
    session: AsyncSession,
    tenant: str,
    user_id: str,
    username: str,
    *,
    kind: str = "person",
    organisation_type: str | None = None,
    language: str | None = None,
    area_id: str | None = None,
    email: str | None = None,
    users: RealmUsers | None = None,
) -> Person:
    """The person's row; made (and announced as `user.registered`) on first sight."""
    repository = PersonRepository(session)
    person = await repository.get(tenant, user_id, for_update=True)
    if person is not None:
        return person
    if email is None and users is not None:
        email = ((await users.get(user_id)) or {}).get("email")
    person = await repository.save(
        Person(
            tenant=tenant,
            user_id=user_id,
            username=username.lower(),
            kind=kind,
            organisation_type=organisation_type,
            language=language,
            area_id=area_id,
            last_active_at=utcnow(),
        )
    )
    events.user_registered(session, person, email)
    return person


async def register(
    session: AsyncSession, users: RealmUsers, tenant: Tenant, body: RegistrationCreate
) -> Registered:
    if not tenant.allow_self_registration:
        raise Forbidden(
            f"{tenant.display_name} does not take registrations here; ask for an invitation.",
            slug="registration-closed",
        )
    language = body.language or tenant.default_language
    if language not in tenant.languages:
        raise UnprocessableContent(
            f"{language} is not a language of {tenant.display_name}.", slug="language-unknown"
        )
    await check_username_free(session, tenant.slug, body.username)
    area_id = str(body.area_id) if body.area_id is not None else None
    attributes = {KIND_ATTRIBUTE: [body.kind]}
    if area_id is not None:
        attributes[AREA_ATTRIBUTE] = [area_id]
    user_id = await users.create(
        username=body.username,
        email=body.email,
        password=body.password,
        first_name=body.first_name,
        last_name=body.last_name,
        attributes=attributes,
    )
    try:
        person = await ensure_person(
            session,
            tenant.slug,
            user_id,
            body.username,
            kind=body.kind,
            organisation_type=body.organisation_type,
            language=language,
            area_id=area_id,
            email=body.email,
        )
    except BaseException:
        await users.delete(user_id)
        raise
    return Registered(user_id=user_id, username=person.username, kind=body.kind)


async def public_profile(session: AsyncSession, tenant: str, username: str) -> PublicProfile:
    person = await PersonRepository(session).by_username(tenant, username)
    if person is None or person.status != ACTIVE:
        raise NotFound("There is nobody with that username here.", slug="person-unknown")
    return PublicProfile(
        username=person.username,
        is_organisation=person.kind == "organisation",
        organisation_type=person.organisation_type,  # type: ignore[arg-type]
    )


async def _own_person(session: AsyncSession, users: RealmUsers, principal: Principal) -> Person:
    person = await ensure_person(
        session, principal.tenant, principal.user_id, principal.username, users=users
    )
    if person.status == ERASED:
        raise Gone("This account has been erased.", slug="account-erased")
    return person


async def me(session: AsyncSession, users: RealmUsers, principal: Principal) -> MeRead:
    person = await _own_person(session, users, principal)
    now = utcnow()
    if person.last_active_at is None or now - person.last_active_at > ACTIVITY_RESOLUTION:
        person.last_active_at = now
        await PersonRepository(session).save(person)
    account = await users.get(principal.user_id) or {}
    grants = await RoleGrantRepository(session).live_of_user(principal.tenant, principal.user_id)
    return MeRead(
        user_id=person.user_id,
        username=person.username,
        email=account.get("email"),
        first_name=account.get("firstName"),
        last_name=account.get("lastName"),
        kind=person.kind,  # type: ignore[arg-type]
        organisation_type=person.organisation_type,  # type: ignore[arg-type]
        language=person.language,
        area_id=person.area_id,
        roles=sorted(principal.roles & OUR_REALM_ROLES),
        grants=[GrantSummary.model_validate(g) for g in grants],
        created_at=person.created_at,
    )


async def update_me(
    session: AsyncSession, users: RealmUsers, tenant: Tenant, principal: Principal, body: MeUpdate
) -> MeRead:
    person = await _own_person(session, users, principal)
    if body.language is not None and body.language != person.language:
        if body.language not in tenant.languages:
            raise UnprocessableContent(
                f"{body.language} is not a language of {tenant.display_name}.",
                slug="language-unknown",
            )
        person.language = body.language
        await PersonRepository(session).save(person)
        account = await users.get(principal.user_id) or {}
        events.user_contact_changed(session, person, account.get("email"))
    if "area_id" in body.model_fields_set:
        await _declare_area(session, users, principal, person, body.area_id)
    changes = body.model_dump(exclude_unset=True, exclude={"language", "area_id"}, by_alias=True)
    if changes:
        account = await users.get(principal.user_id)
        if account is None:
            raise Gone("This account has been erased.", slug="account-erased")
        await users.update(principal.user_id, {**account, **changes})
    return await me(session, users, principal)


async def _declare_area(
    session: AsyncSession,
    users: RealmUsers,
    principal: Principal,
    person: Person,
    area: uuid.UUID | None,
) -> None:
    """Store the self-declared area and mirror it to the `inspraak_area` token claim.

    Audited with the old and new value: moving between areas right before area-only votes
    is what a municipality would want to be able to trace.
    """
    area_id = str(area) if area is not None else None
    if area_id == person.area_id:
        return
    previous = person.area_id
    person.area_id = area_id
    await PersonRepository(session).save(person)
    await audit.record(
        session,
        principal,
        acting_as="self",
        action="person.area.changed",
        target_user_id=person.user_id,
        detail={"from": previous, "to": area_id},
    )
    # Last: a refusal by Keycloak rolls the row and the audit entry back with the request.
    await users.set_attribute(person.user_id, AREA_ATTRIBUTE, [area_id] if area_id else [])


async def contact(
    session: AsyncSession, users: RealmUsers, actor: Actor, username: str
) -> ContactRead:
    """E-mail and names of someone, for staff who need them; the read is audited."""
    tenant = actor.principal.tenant
    person = await PersonRepository(session).by_username(tenant, username)
    if person is None or person.status != ACTIVE:
        raise NotFound("There is nobody with that username here.", slug="person-unknown")
    if actor.department_ids is not None:
        grants = await RoleGrantRepository(session).live_of_user(tenant, person.user_id)
        in_department = [
            g
            for g in grants
            if await roles.in_departments(session, tenant, g, actor.department_ids)
        ]
        if not in_department:
            raise Forbidden(
                "A department head sees contact details of their department's people only.",
                slug="not-in-your-department",
            )
    account = await users.get(person.user_id)
    if account is None:
        raise NotFound("There is nobody with that username here.", slug="person-unknown")
    await audit.record(
        session,
        actor.principal,
        acting_as=actor.acting_as,
        action="person.contact.read",
        target_user_id=person.user_id,
        detail={"fields": ["email", "firstName", "lastName"]},
    )
    return ContactRead(
        user_id=person.user_id,
        username=person.username,
        email=account.get("email"),
        first_name=account.get("firstName"),
        last_name=account.get("lastName"),
    )


def _rows(items: Any, *exclude: str) -> list[dict[str, Any]]:
    return [item.model_dump(mode="json", exclude=set(exclude)) for item in items]


async def export_me(
    session: AsyncSession, users: RealmUsers, tenant: Tenant, principal: Principal
) -> dict[str, Any]:
    """Everything identity holds about the person (GDPR art. 15 and 20)."""
    person = await _own_person(session, users, principal)
    account = await users.get(principal.user_id) or {}
    email = (account.get("email") or "").lower()
    invitations = InvitationRepository(session)
    received = (
        await invitations.addressed_to(tenant.slug, email, principal.user_id) if email else []
    )
    return {
        "format": "inspraak-personal-data/1",
        "exportedAt": utcnow().isoformat(),
        "municipality": tenant.display_name,
        "account": {
            key: account.get(key)
            for key in (
                "id",
                "username",
                "email",
                "emailVerified",
                "firstName",
                "lastName",
                "createdTimestamp",
                "attributes",
            )
        },
        "profile": person.model_dump(mode="json"),
        "roles": _rows(
            await RoleGrantRepository(session).all_of_user(tenant.slug, principal.user_id)
        ),
        "invitationsReceived": _rows(received, "token_hash"),
        "invitationsSent": _rows(
            await invitations.sent_by(tenant.slug, principal.user_id), "token_hash"
        ),
        "termsAccepted": _rows(
            await TermsRepository(session).acceptances_of(tenant.slug, principal.user_id)
        ),
        "onboarding": _rows(
            await OnboardingRepository(session).of_user(tenant.slug, principal.user_id)
        ),
        "readsOfYourData": _rows(
            await AuditRepository(session).search(tenant.slug, target_user_id=principal.user_id)
        ),
    }


def _anonymous_name(user_id: str) -> str:
    return f"erased-{hashlib.sha256(user_id.encode()).hexdigest()[:12]}"


async def erase(
    session: AsyncSession,
    users: RealmUsers,
    tenant: Tenant,
    principal: Principal,
    *,
    confirm_username: str,
) -> Person:
    """Delete the account and anonymise what identity keeps; `user.erased` goes out once."""
    person = await _own_person(session, users, principal)
    if confirm_username.lower() != person.username:
        raise UnprocessableContent(
            "Type your username to confirm: erasure cannot be undone.",
            slug="confirmation-mismatch",
        )
    account = await users.get(principal.user_id) or {}
    email = (account.get("email") or "").lower()
    anonymous = _anonymous_name(principal.user_id)
    grants = RoleGrantRepository(session)
    for grant in await grants.all_of_user(tenant.slug, principal.user_id):
        await roles.revoke(session, users, grant, revoked_by=anonymous, mirror=False)
        grant.username = anonymous
        session.add(grant)
    invitations = InvitationRepository(session)
    for invitation in await invitations.addressed_to(tenant.slug, email, principal.user_id):
        invitation.email = ""
        invitation.message = None
        session.add(invitation)
    for invitation in await invitations.sent_by(tenant.slug, principal.user_id):
        invitation.invited_by_username = anonymous
        session.add(invitation)
    await TermsRepository(session).forget_user(tenant.slug, principal.user_id)
    await OnboardingRepository(session).forget_user(tenant.slug, principal.user_id)
    person.username = anonymous
    person.kind = "person"
    person.organisation_type = None
    person.language = None
    person.area_id = None
    person.last_active_at = None
    person.status = ERASED
    person.erased_at = utcnow()
    await PersonRepository(session).save(person)
    events.user_erased(session, person)
    # Last: if anything above fails the account is still there to try again with.
    await users.delete(principal.user_id)
    return person
