"""Events about roles: `role.granted`, `role.revoked`, and support access."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.roles.models import RoleGrant, SupportGrant
from inspraak_shared.events import enqueue, new_event

SERVICE = "identity"


def _grant_data(grant: RoleGrant, status: str) -> dict[str, object]:
    return {
        "grant_id": grant.id,
        "user_id": grant.user_id,
        "username": grant.username,
        "role": grant.role,
        "scope": grant.scope,
        "scope_id": grant.scope_id,
        "external": grant.external,
        "status": status,
    }


def role_granted(session: AsyncSession, grant: RoleGrant) -> None:
    """Also for a grant that waits for the terms (status pending_terms), again when active."""
    enqueue(
        session,
        new_event(
            tenant=grant.tenant,
            service=SERVICE,
            entity="role",
            verb="granted",
            subject=grant.user_id,
            data=_grant_data(grant, grant.status),
        ),
    )


def role_revoked(session: AsyncSession, grant: RoleGrant, status_before: str) -> None:
    enqueue(
        session,
        new_event(
            tenant=grant.tenant,
            service=SERVICE,
            entity="role",
            verb="revoked",
            subject=grant.user_id,
            data=_grant_data(grant, status_before),
        ),
    )


def support_access_changed(session: AsyncSession, grant: SupportGrant, verb: str) -> None:
    enqueue(
        session,
        new_event(
            tenant=grant.tenant,
            service=SERVICE,
            entity="support_access",
            verb=verb,
            subject=grant.id,
            data={
                "grant_id": grant.id,
                "expires_at": grant.expires_at.isoformat(),
                "revoked": grant.revoked_at is not None,
            },
        ),
    )
