"""Invitation rules: who may invite whom, single use, expiry, resend, revoke, accept.

The token goes out once, in the `invitation.created` (or `.resent`) event that the
notifications service turns into an e-mail; identity keeps only its SHA-256.
"""

import asyncio
import csv
import hashlib
import io
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NoReturn

from pydantic import ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.config import IdentitySettings
from inspraak_identity.invitations import events
from inspraak_identity.invitations.models import Invitation
from inspraak_identity.invitations.repository import InvitationRepository
from inspraak_identity.invitations.schemas import (
    BulkReport,
    BulkRow,
    InvitationAccept,
    InvitationAccepted,
    InvitationCreate,
    InvitationPreview,
    InvitationStatus,
)
from inspraak_identity.keycloak.admin import KIND_ATTRIBUTE, RealmUsers
from inspraak_identity.keycloak.realm import web_origin
from inspraak_identity.people import service as people
from inspraak_identity.projects import repository as projects
from inspraak_identity.roles import service as roles
from inspraak_identity.roles.auth import Actor
from inspraak_identity.roles.schemas import GrantStatus, RoleAssignment
from inspraak_identity.schemas import utcnow
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.terms import service as terms
from inspraak_shared.auth import Principal
from inspraak_shared.problems import (
    PROBLEM_TYPE_PREFIX,
    Conflict,
    Gone,
    NotFound,
    Problem,
    UnprocessableContent,
)

OPERATOR = "operator"
MAX_BULK_ROWS = 500
SCOPE_POLL_SECONDS = 0.25


@dataclass(frozen=True)
class Inviter:
    user_id: str | None
    username: str
    # None: may invite to any role; otherwise the departments they head.
    department_ids: frozenset[str] | None = None

    @classmethod
    def of(cls, actor: Actor) -> "Inviter":
        return cls(actor.principal.user_id, actor.principal.username, actor.department_ids)


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: Invitation
    accept_url: str


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def status_of(invitation: Invitation) -> InvitationStatus:
    if invitation.status == InvitationStatus.PENDING and invitation.expires_at <= utcnow():
        return InvitationStatus.EXPIRED
    return InvitationStatus(invitation.status)


def accept_url(settings: IdentitySettings, tenant: Tenant, token: str) -> str:
    # The same address the realm sends people back to after sign-in (see RealmDesign).
    origin = web_origin(settings.web_scheme, tenant.primary_domain, settings.web_port)
    return settings.accept_url_pattern.format(
        origin=origin, domain=tenant.primary_domain, tenant=tenant.slug, token=token
    )


def _new_token(settings: IdentitySettings) -> tuple[str, str, datetime]:
    token = secrets.token_urlsafe(32)
    return token, hash_token(token), utcnow() + timedelta(days=settings.invitation_lifetime_days)


async def has_pending(
    session: AsyncSession, tenant: str, *, email: str, role: str, scope_id: str | None = None
) -> bool:
    invitations = await InvitationRepository(session).pending_for(tenant, email, role, scope_id)
    return any(status_of(i) == InvitationStatus.PENDING for i in invitations)


async def invite(
    session: AsyncSession,
    *,
    tenant: Tenant,
    inviter: Inviter,
    body: InvitationCreate,
    settings: IdentitySettings,
    scope_deadline: float | None = None,
) -> IssuedInvitation:
    if inviter.department_ids is not None:
        await roles.check_department_head_may_assign(
            session, tenant.slug, inviter.department_ids, body
        )
    roles.external_allowed(tenant, body)
    language = body.language or tenant.default_language
    if language not in tenant.languages:
        raise UnprocessableContent(
            f"{language} is not a language of {tenant.display_name}.", slug="language-unknown"
        )
    await _check_scope_known(
        session, tenant.slug, body, scope_deadline or _scope_deadline(settings)
    )
    if await has_pending(
        session, tenant.slug, email=body.email, role=body.role, scope_id=body.scope_id
    ):
        raise Conflict(
            "This person already has a pending invitation for this role; resend it instead.",
            slug="invitation-pending",
        )
    token, token_hash, expires_at = _new_token(settings)
    invitation = await InvitationRepository(session).add(
        Invitation(
            id=str(uuid.uuid4()),
            tenant=tenant.slug,
            email=body.email,
            role=body.role,
            scope=body.scope,
            scope_id=body.scope_id,
            external=body.external,
            message=body.message,
            language=language,
            token_hash=token_hash,
            status=InvitationStatus.PENDING.value,
            expires_at=expires_at,
            invited_by_user_id=inviter.user_id,
            invited_by_username=inviter.username,
        )
    )
    url = accept_url(settings, tenant, token)
    events.invitation_created(session, tenant, invitation, url)
    return IssuedInvitation(invitation, url)


def _scope_deadline(settings: IdentitySettings) -> float:
    return time.monotonic() + settings.scope_wait_seconds


async def _scope_known(session: AsyncSession, tenant: str, body: RoleAssignment) -> bool:
    assert body.scope_id is not None
    if body.scope == "project":
        return await projects.project_exists(session, tenant, body.scope_id)
    return await projects.department_exists(session, tenant, body.scope_id)


async def _check_scope_known(
    session: AsyncSession, tenant: str, body: RoleAssignment, deadline: float
) -> None:
    """The scope must name a project or department the projects service announced.

    One created a moment ago may not have reached identity's read model yet (its event is
    on its way), so an unknown one is looked up again until `deadline` before the refusal.
    Checked after the department head's rule, so a department head cannot tell an unknown
    project from one outside their department (both 403).
    """
    if body.scope_id is None:
        return
    while not await _scope_known(session, tenant, body):
        if time.monotonic() >= deadline:
            _refuse_unknown_scope(body)
        await asyncio.sleep(SCOPE_POLL_SECONDS)


def _refuse_unknown_scope(body: RoleAssignment) -> NoReturn:
    raise UnprocessableContent(
        f"scopeId: there is no {body.scope} '{body.scope_id}' here.",
        slug=f"{body.scope}-unknown",
        extensions={
            "errors": [
                {
                    "loc": ["body", "scopeId"],
                    "msg": f"unknown {body.scope}",
                    "type": f"{body.scope}_unknown",
                }
            ]
        },
    )


async def invite_as_operator(
    session: AsyncSession, *, tenant: Tenant, settings: IdentitySettings, email: str, role: str
) -> IssuedInvitation:
    return await invite(
        session,
        tenant=tenant,
        inviter=Inviter(None, OPERATOR),
        body=InvitationCreate(email=email, role=role),  # type: ignore[arg-type]
        settings=settings,
    )


async def invite_bulk(
    session: AsyncSession,
    *,
    tenant: Tenant,
    inviter: Inviter,
    csv_text: str,
    settings: IdentitySettings,
) -> BulkReport:
    """One invitation per CSV row; a failing row is reported and does not stop the rest."""
    # One wait for projects or departments on their way, for the whole file.
    scope_deadline = _scope_deadline(settings)
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    if not reader.fieldnames or "email" not in reader.fieldnames or "role" not in reader.fieldnames:
        raise UnprocessableContent(
            "The CSV needs a header row with at least the columns email and role "
            "(optional: scopeId, external, message, language).",
            slug="csv-header",
        )
    rows: list[BulkRow] = []
    for number, record in enumerate(reader, start=2):
        if number - 1 > MAX_BULK_ROWS:
            raise UnprocessableContent(
                f"At most {MAX_BULK_ROWS} invitations per file.", slug="csv-too-long"
            )
        rows.append(
            await _bulk_row(session, tenant, inviter, settings, number, record, scope_deadline)
        )
    created = sum(1 for row in rows if row.status == "created")
    return BulkReport(created=created, failed=len(rows) - created, rows=rows)


async def _bulk_row(
    session: AsyncSession,
    tenant: Tenant,
    inviter: Inviter,
    settings: IdentitySettings,
    number: int,
    record: dict[str, str | None],
    scope_deadline: float,
) -> BulkRow:
    values = {key.strip(): (value or "").strip() for key, value in record.items() if key}
    email = values.get("email") or None
    document = {
        "email": email,
        "role": values.get("role") or None,
        "scopeId": values.get("scopeId") or values.get("scope_id") or None,
        "external": (values.get("external") or "").lower() in {"1", "true", "yes", "ja", "oui"},
        "message": values.get("message") or None,
        "language": values.get("language") or None,
    }
    try:
        body = InvitationCreate.model_validate(document)
    except ValidationError as exc:
        error = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}" for e in exc.errors()
        )
        return BulkRow(
            row=number,
            email=email,
            status="failed",
            error=error,
            problem_type=f"{PROBLEM_TYPE_PREFIX}{UnprocessableContent.slug}",
        )
    try:
        async with session.begin_nested():
            issued = await invite(
                session,
                tenant=tenant,
                inviter=inviter,
                body=body,
                settings=settings,
                scope_deadline=scope_deadline,
            )
    except Problem as problem:
        return BulkRow(
            row=number,
            email=email,
            status="failed",
            error=problem.detail or problem.title,
            problem_type=problem.to_body()["type"],
        )
    return BulkRow(row=number, email=email, status="created", invitation_id=issued.invitation.id)


async def _visible(session: AsyncSession, invitation: Invitation, inviter: Inviter) -> bool:
    """The whole tenant for admins; a department head: theirs and their projects'."""
    if inviter.department_ids is None:
        return True
    if invitation.invited_by_user_id == inviter.user_id:
        return True
    if invitation.scope == "department":
        return invitation.scope_id in inviter.department_ids
    if invitation.scope == "project" and invitation.scope_id is not None:
        assignment = RoleAssignment(
            role="project_moderator", scope_id=invitation.scope_id, external=invitation.external
        )
        try:
            await roles.check_department_head_may_assign(
                session, invitation.tenant, inviter.department_ids, assignment
            )
        except Problem:
            return False
        return True
    return False


async def list_invitations(
    session: AsyncSession, tenant: str, inviter: Inviter, *, status: InvitationStatus | None
) -> list[Invitation]:
    stored = None if status in (None, InvitationStatus.EXPIRED) else status.value
    found = await InvitationRepository(session).search(tenant, status=stored)
    result = []
    for invitation in found:
        if status is not None and status_of(invitation) != status:
            continue
        if await _visible(session, invitation, inviter):
            result.append(invitation)
    return result


async def get_invitation(
    session: AsyncSession, tenant: str, inviter: Inviter, invitation_id: str
) -> Invitation:
    invitation = await InvitationRepository(session).get(tenant, invitation_id, for_update=True)
    if invitation is None or not await _visible(session, invitation, inviter):
        raise NotFound("There is no such invitation.", slug="invitation-unknown")
    return invitation


async def resend(
    session: AsyncSession,
    *,
    tenant: Tenant,
    inviter: Inviter,
    invitation_id: str,
    settings: IdentitySettings,
) -> Invitation:
    """A new token and expiry (also for an expired one); the old link stops working."""
    invitation = await get_invitation(session, tenant.slug, inviter, invitation_id)
    if invitation.status not in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        raise Conflict(
            f"This invitation is {invitation.status}; it cannot be sent again.",
            slug=f"invitation-{invitation.status}",
        )
    token, token_hash, expires_at = _new_token(settings)
    invitation.status = InvitationStatus.PENDING.value
    invitation.token_hash = token_hash
    invitation.expires_at = expires_at
    invitation.sent_count += 1
    invitation.last_sent_at = utcnow()
    await InvitationRepository(session).save(invitation)
    events.invitation_created(session, tenant, invitation, accept_url(settings, tenant, token))
    return invitation


async def revoke(
    session: AsyncSession, *, tenant: str, inviter: Inviter, invitation_id: str
) -> Invitation:
    invitation = await get_invitation(session, tenant, inviter, invitation_id)
    if invitation.status == InvitationStatus.ACCEPTED:
        raise Conflict(
            "This invitation was accepted; take the role away instead.",
            slug="invitation-accepted",
        )
    if invitation.status in (InvitationStatus.PENDING, InvitationStatus.EXPIRED):
        invitation.status = InvitationStatus.REVOKED.value
        invitation.revoked_at = utcnow()
        invitation.revoked_by = inviter.username
        await InvitationRepository(session).save(invitation)
        events.invitation_revoked(session, invitation)
    return invitation


async def _usable(session: AsyncSession, tenant: str, token: str) -> Invitation:
    invitation = await InvitationRepository(session).by_token_hash(
        tenant, hash_token(token), for_update=True
    )
    if invitation is None:
        raise NotFound(
            "This invitation link is not valid here. It may have been replaced by a newer one.",
            slug="invitation-unknown",
        )
    state = status_of(invitation)
    if state == InvitationStatus.ACCEPTED:
        raise Gone("This invitation has already been used.", slug="invitation-used")
    if state == InvitationStatus.REVOKED:
        raise Gone("This invitation was withdrawn.", slug="invitation-revoked")
    if state == InvitationStatus.EXPIRED:
        raise Gone("This invitation has expired; ask for a new one.", slug="invitation-expired")
    return invitation


async def preview(session: AsyncSession, tenant: Tenant, token: str) -> InvitationPreview:
    invitation = await _usable(session, tenant.slug, token)
    return InvitationPreview(
        tenant_display_name=tenant.display_name,
        role=invitation.role,
        scope=invitation.scope,
        scope_id=invitation.scope_id,
        external=invitation.external,
        message=invitation.message,
        language=invitation.language,
        invited_by_username=invitation.invited_by_username,
        expires_at=invitation.expires_at,
        needs_terms=invitation.external,
    )


async def accept(
    session: AsyncSession,
    users: RealmUsers,
    tenant: Tenant,
    body: InvitationAccept,
    principal: Principal | None,
) -> InvitationAccepted:
    """Grant the invitation's role to the signed-in person, or to a new account."""
    invitation = await _usable(session, tenant.slug, body.token)
    assignment = RoleAssignment(
        role=invitation.role,  # type: ignore[arg-type]
        scope_id=invitation.scope_id,
        external=invitation.external,
    )
    roles.external_allowed(tenant, assignment)
    created_user: str | None = None
    if principal is not None:
        user_id, username = principal.user_id, principal.username
    else:
        if not body.username or not body.password:
            raise UnprocessableContent(
                "Choose a username and a password, or sign in to accept with your account.",
                slug="account-details-missing",
            )
        await people.check_username_free(session, tenant.slug, body.username)
        if await users.find(email=invitation.email):
            raise Conflict(
                "An account with this e-mail address exists: sign in to accept.",
                slug="account-exists",
            )
        user_id = await users.create(
            username=body.username,
            email=invitation.email,
            password=body.password,
            first_name=body.first_name,
            last_name=body.last_name,
            attributes={KIND_ATTRIBUTE: ["person"]},
            email_verified=True,  # the link reached this address
        )
        created_user, username = user_id, body.username.lower()
    try:
        await people.ensure_person(
            session,
            tenant.slug,
            user_id,
            username,
            language=invitation.language,
            email=invitation.email if created_user is not None else None,
            users=users,
        )
        grant = await roles.grant_role(
            session,
            users,
            tenant,
            user_id=user_id,
            username=username,
            assignment=assignment,
            granted_by=invitation.invited_by_username,
            invitation_id=invitation.id,
        )
        invitation.status = InvitationStatus.ACCEPTED.value
        invitation.accepted_at = utcnow()
        invitation.accepted_by_user_id = user_id
        await InvitationRepository(session).save(invitation)
        events.invitation_accepted(session, invitation, username)
        current = await terms.current_terms(session, tenant.slug) if invitation.external else None
    except BaseException:
        if created_user is not None:
            # The account was made for this acceptance only; do not leave it half set up.
            await users.delete(created_user)
        raise
    return InvitationAccepted(
        user_id=user_id,
        username=username,
        role=grant.role,
        scope=grant.scope,
        scope_id=grant.scope_id,
        external=grant.external,
        grant_status=grant.status,
        terms_version=current.version
        if current is not None and grant.status == GrantStatus.PENDING_TERMS
        else None,
    )


async def expire_due(session: AsyncSession, *, limit: int = 100) -> int:
    """Mark pending invitations past their expiry as expired and announce each."""
    due = await InvitationRepository(session).due_to_expire(utcnow(), limit)
    for invitation in due:
        invitation.status = InvitationStatus.EXPIRED.value
        session.add(invitation)
        events.invitation_expired(session, invitation)
    await session.flush()
    return len(due)


async def addressed_to(
    session: AsyncSession, tenant: str, email: str, user_id: str
) -> Sequence[Invitation]:
    return await InvitationRepository(session).addressed_to(tenant, email, user_id)


async def sent_by(session: AsyncSession, tenant: str, user_id: str) -> Sequence[Invitation]:
    return await InvitationRepository(session).sent_by(tenant, user_id)
