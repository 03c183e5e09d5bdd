"""Which scoped roles a person holds right now, from identity's grant and revoke events.

The token's `inspraak_scopes` claim lives until the token expires; the read model follows
identity within moments. A scoped right needs both (see `projects/auth.py`).
"""

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.roles import repository
from inspraak_contributions.roles.schemas import STAGE, GrantStatus, RoleGrantEvent
from inspraak_shared.auth import Principal


def status_after(verb: str, grant: RoleGrantEvent) -> GrantStatus | None:
    """The grant's state after the event; None for a state this service does not know."""
    if verb == "revoked":
        return GrantStatus.REVOKED
    try:
        status = GrantStatus(grant.status)
    except ValueError:
        return None
    return None if status == GrantStatus.REVOKED else status


async def apply_grant_event(
    session: AsyncSession, tenant: str, verb: str, grant: RoleGrantEvent, time: datetime
) -> bool:
    """Store the grant's new state unless a later one is kept; True when stored."""
    status = status_after(verb, grant)
    if status is None:
        return False
    values = {
        "tenant": tenant,
        **grant.model_dump(exclude={"status"}),
        "status": status.value,
        "stage": STAGE[status],
        "event_time": time,
    }
    return await repository.store_if_further(session, values)


async def active_scopes(
    session: AsyncSession, tenant: str, principal: Principal | None
) -> frozenset[tuple[str, str]]:
    """(role, scope_id) the caller holds by an active grant; no query for callers without
    scoped roles in their token, since they could not use a grant anyway."""
    if principal is None or not principal.scoped_roles:
        return frozenset()
    return frozenset(await repository.active_scopes(session, tenant, principal.user_id))
