"""Queries on role grants and support access."""

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.roles.models import RoleGrant, SupportGrant
from inspraak_identity.roles.schemas import GrantStatus

LIVE = (GrantStatus.ACTIVE.value, GrantStatus.PENDING_TERMS.value)


class RoleGrantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, grant: RoleGrant) -> RoleGrant:
        self.session.add(grant)
        await self.session.flush()
        return grant

    async def get(
        self, tenant: str, grant_id: str, *, for_update: bool = False
    ) -> RoleGrant | None:
        query = select(RoleGrant).where(
            col(RoleGrant.tenant) == tenant, col(RoleGrant.id) == grant_id
        )
        if for_update:
            query = query.with_for_update()
        return (await self.session.exec(query)).first()

    async def live_of_user(self, tenant: str, user_id: str) -> Sequence[RoleGrant]:
        query = (
            select(RoleGrant)
            .where(
                col(RoleGrant.tenant) == tenant,
                col(RoleGrant.user_id) == user_id,
                col(RoleGrant.status).in_(LIVE),
            )
            .order_by(col(RoleGrant.granted_at))
        )
        return (await self.session.exec(query)).all()

    async def all_of_user(self, tenant: str, user_id: str) -> Sequence[RoleGrant]:
        query = (
            select(RoleGrant)
            .where(col(RoleGrant.tenant) == tenant, col(RoleGrant.user_id) == user_id)
            .order_by(col(RoleGrant.granted_at))
        )
        return (await self.session.exec(query)).all()

    async def find_live(
        self, tenant: str, user_id: str, role: str, scope_id: str | None
    ) -> RoleGrant | None:
        query = select(RoleGrant).where(
            col(RoleGrant.tenant) == tenant,
            col(RoleGrant.user_id) == user_id,
            col(RoleGrant.role) == role,
            col(RoleGrant.status).in_(LIVE),
        )
        query = query.where(
            col(RoleGrant.scope_id).is_(None)
            if scope_id is None
            else col(RoleGrant.scope_id) == scope_id
        )
        return (await self.session.exec(query)).first()

    async def search(
        self,
        tenant: str,
        *,
        user_id: str | None = None,
        role: str | None = None,
        include_revoked: bool = False,
    ) -> Sequence[RoleGrant]:
        query = select(RoleGrant).where(col(RoleGrant.tenant) == tenant)
        if user_id is not None:
            query = query.where(col(RoleGrant.user_id) == user_id)
        if role is not None:
            query = query.where(col(RoleGrant.role) == role)
        if not include_revoked:
            query = query.where(col(RoleGrant.status).in_(LIVE))
        return (await self.session.exec(query.order_by(col(RoleGrant.granted_at)))).all()

    async def active_scope_ids(self, tenant: str, user_id: str, role: str) -> frozenset[str]:
        query = select(RoleGrant.scope_id).where(
            col(RoleGrant.tenant) == tenant,
            col(RoleGrant.user_id) == user_id,
            col(RoleGrant.role) == role,
            col(RoleGrant.status) == GrantStatus.ACTIVE.value,
        )
        return frozenset(s for s in (await self.session.exec(query)).all() if s)

    async def live_in_scopes(
        self, tenant: str, *, departments: Iterable[str], projects: Iterable[str]
    ) -> Sequence[RoleGrant]:
        departments, projects = list(departments), list(projects)
        query = select(RoleGrant).where(
            col(RoleGrant.tenant) == tenant,
            col(RoleGrant.status).in_(LIVE),
            ((col(RoleGrant.scope) == "department") & col(RoleGrant.scope_id).in_(departments))
            | ((col(RoleGrant.scope) == "project") & col(RoleGrant.scope_id).in_(projects)),
        )
        return (await self.session.exec(query.order_by(col(RoleGrant.granted_at)))).all()


class SupportGrantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, grant: SupportGrant) -> SupportGrant:
        self.session.add(grant)
        await self.session.flush()
        return grant

    async def get(self, tenant: str, grant_id: str) -> SupportGrant | None:
        query = select(SupportGrant).where(
            col(SupportGrant.tenant) == tenant, col(SupportGrant.id) == grant_id
        )
        return (await self.session.exec(query)).first()

    async def active(self, tenant: str, now: datetime) -> SupportGrant | None:
        query = (
            select(SupportGrant)
            .where(
                col(SupportGrant.tenant) == tenant,
                col(SupportGrant.revoked_at).is_(None),
                col(SupportGrant.starts_at) <= now,
                col(SupportGrant.expires_at) > now,
            )
            .order_by(col(SupportGrant.expires_at).desc())
        )
        return (await self.session.exec(query)).first()

    async def search(self, tenant: str) -> Sequence[SupportGrant]:
        query = (
            select(SupportGrant)
            .where(col(SupportGrant.tenant) == tenant)
            .order_by(col(SupportGrant.starts_at).desc())
        )
        return (await self.session.exec(query)).all()
