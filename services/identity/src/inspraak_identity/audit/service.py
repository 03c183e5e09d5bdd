"""Writing audit entries, in the transaction of the action they record."""

import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.audit.models import AuditEntry
from inspraak_identity.audit.repository import AuditRepository
from inspraak_shared.auth import Principal


async def record(
    session: AsyncSession,
    principal: Principal,
    *,
    acting_as: str,
    action: str,
    target_user_id: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    return await AuditRepository(session).add(
        AuditEntry(
            id=str(uuid.uuid4()),
            tenant=principal.tenant,
            actor_user_id=principal.user_id,
            actor_username=principal.username,
            actor_role=acting_as,
            action=action,
            target_user_id=target_user_id,
            detail=detail or {},
        )
    )


async def entries(
    session: AsyncSession,
    tenant: str,
    *,
    actor_role: str | None = None,
    target_user_id: str | None = None,
) -> Sequence[AuditEntry]:
    return await AuditRepository(session).search(
        tenant, actor_role=actor_role, target_user_id=target_user_id
    )
