"""HTTP: the audit log, for the superadmin."""

from typing import Annotated

from fastapi import APIRouter, Query

from inspraak_identity.audit import service
from inspraak_identity.audit.schemas import AuditEntryRead
from inspraak_identity.dependencies import ActiveTenant
from inspraak_identity.roles.auth import Superadmin
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1/audit", tags=["audit"])


@router.get("", summary="Audited actions: staff reads of personal data, everything support did")
async def audit_log(
    actor: Superadmin,
    tenant: ActiveTenant,
    session: DbSession,
    actor_role: Annotated[str | None, Query(alias="actorRole")] = None,
    target_user_id: Annotated[str | None, Query(alias="targetUserId")] = None,
) -> list[AuditEntryRead]:
    entries = await service.entries(
        session, tenant.slug, actor_role=actor_role, target_user_id=target_user_id
    )
    return [AuditEntryRead.model_validate(e) for e in entries]
