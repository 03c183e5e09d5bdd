"""Queries on invitations."""

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.invitations.models import Invitation


class InvitationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, invitation: Invitation) -> Invitation:
        self.session.add(invitation)
        await self.session.flush()
        return invitation

    async def save(self, invitation: Invitation) -> Invitation:
        return await self.add(invitation)

    async def get(
        self, tenant: str, invitation_id: str, *, for_update: bool = False
    ) -> Invitation | None:
        query = select(Invitation).where(
            col(Invitation.tenant) == tenant, col(Invitation.id) == invitation_id
        )
        if for_update:
            query = query.with_for_update()
        return (await self.session.exec(query)).first()

    async def by_token_hash(
        self, tenant: str, token_hash: str, *, for_update: bool = False
    ) -> Invitation | None:
        query = select(Invitation).where(
            col(Invitation.tenant) == tenant, col(Invitation.token_hash) == token_hash
        )
        if for_update:
            query = query.with_for_update()
        return (await self.session.exec(query)).first()

    async def pending_for(
        self, tenant: str, email: str, role: str, scope_id: str | None
    ) -> Sequence[Invitation]:
        query = select(Invitation).where(
            col(Invitation.tenant) == tenant,
            col(Invitation.email) == email,
            col(Invitation.role) == role,
            col(Invitation.status) == "pending",
        )
        query = query.where(
            col(Invitation.scope_id).is_(None)
            if scope_id is None
            else col(Invitation.scope_id) == scope_id
        )
        return (await self.session.exec(query)).all()

    async def search(self, tenant: str, *, status: str | None = None) -> Sequence[Invitation]:
        query = select(Invitation).where(col(Invitation.tenant) == tenant)
        if status is not None:
            query = query.where(col(Invitation.status) == status)
        return (await self.session.exec(query.order_by(col(Invitation.created_at).desc()))).all()

    async def due_to_expire(self, now: datetime, limit: int) -> Sequence[Invitation]:
        query = (
            select(Invitation)
            .where(col(Invitation.status) == "pending", col(Invitation.expires_at) <= now)
            .order_by(col(Invitation.expires_at))
            .limit(limit)
            # Several workers may sweep; each takes rows the others have not locked.
            .with_for_update(skip_locked=True)
        )
        return (await self.session.exec(query)).all()

    async def addressed_to(self, tenant: str, email: str, user_id: str) -> Sequence[Invitation]:
        query = select(Invitation).where(
            col(Invitation.tenant) == tenant,
            (col(Invitation.email) == email) | (col(Invitation.accepted_by_user_id) == user_id),
        )
        return (await self.session.exec(query.order_by(col(Invitation.created_at)))).all()

    async def sent_by(self, tenant: str, user_id: str) -> Sequence[Invitation]:
        query = select(Invitation).where(
            col(Invitation.tenant) == tenant, col(Invitation.invited_by_user_id) == user_id
        )
        return (await self.session.exec(query.order_by(col(Invitation.created_at)))).all()
