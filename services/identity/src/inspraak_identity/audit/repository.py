"""Queries on the audit log."""

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.audit.models import AuditEntry


class AuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, entry: AuditEntry) -> AuditEntry:
        self.session.add(entry)
        await self.session.flush()
        return entry

    async def search(
        self,
        tenant: str,
        *,
        actor_role: str | None = None,
        target_user_id: str | None = None,
        since: datetime | None = None,
        limit: int = 200,
    ) -> Sequence[AuditEntry]:
        query = select(AuditEntry).where(col(AuditEntry.tenant) == tenant)
        if actor_role is not None:
            query = query.where(col(AuditEntry.actor_role) == actor_role)
        if target_user_id is not None:
            query = query.where(col(AuditEntry.target_user_id) == target_user_id)
        if since is not None:
            query = query.where(col(AuditEntry.at) >= since)
        query = query.order_by(col(AuditEntry.at).desc()).limit(limit)
        return (await self.session.exec(query)).all()
