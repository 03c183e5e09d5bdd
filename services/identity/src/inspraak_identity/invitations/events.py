"""Events about invitations; `invitation.created` carries what the e-mail needs."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.invitations.models import Invitation
from inspraak_identity.tenants.models import Tenant
from inspraak_shared.events import enqueue, new_event

SERVICE = "identity"


def _emit(
    session: AsyncSession, invitation: Invitation, verb: str, data: dict[str, object]
) -> None:
    enqueue(
        session,
        new_event(
            tenant=invitation.tenant,
            service=SERVICE,
            entity="invitation",
            verb=verb,
            subject=invitation.id,
            data={"invitation_id": invitation.id, **data},
        ),
    )


def invitation_created(
    session: AsyncSession, tenant: Tenant, invitation: Invitation, accept_url: str
) -> None:
    """Everything the notifications service needs to send the e-mail; again on a resend
    (same invitation_id, a new accept_url, a higher sent_count)."""
    _emit(
        session,
        invitation,
        "created",
        {
            "email": invitation.email,
            "role": invitation.role,
            "scope": invitation.scope,
            "scope_id": invitation.scope_id,
            "external": invitation.external,
            "accept_url": accept_url,
            "expires_at": invitation.expires_at.isoformat(),
            "inviter_user_id": invitation.invited_by_user_id,
            "inviter_username": invitation.invited_by_username,
            "message": invitation.message,
            "language": invitation.language,
            "tenant_display_name": tenant.display_name,
            "sent_count": invitation.sent_count,
        },
    )


def invitation_accepted(session: AsyncSession, invitation: Invitation, username: str) -> None:
    _emit(
        session,
        invitation,
        "accepted",
        {
            "user_id": invitation.accepted_by_user_id,
            "username": username,
            "role": invitation.role,
            "scope": invitation.scope,
            "scope_id": invitation.scope_id,
            "inviter_user_id": invitation.invited_by_user_id,
            "inviter_username": invitation.invited_by_username,
        },
    )


def invitation_revoked(session: AsyncSession, invitation: Invitation) -> None:
    _emit(session, invitation, "revoked", {})


def invitation_expired(session: AsyncSession, invitation: Invitation) -> None:
    _emit(session, invitation, "expired", {})
