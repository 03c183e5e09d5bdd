"""Queries on terms of use and acceptances."""

from collections.abc import Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.terms.models import Terms, TermsAcceptance


class TermsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def current(self, tenant: str, *, for_update: bool = False) -> Terms | None:
        query = select(Terms).where(col(Terms.tenant) == tenant)
        if for_update:
            query = query.with_for_update()
        return (await self.session.exec(query)).first()

    async def save(self, terms: Terms) -> Terms:
        self.session.add(terms)
        await self.session.flush()
        return terms

    async def accepted(self, tenant: str, user_id: str, version: int) -> TermsAcceptance | None:
        return await self.session.get(TermsAcceptance, (tenant, user_id, version))

    async def acceptances_of(self, tenant: str, user_id: str) -> Sequence[TermsAcceptance]:
        query = (
            select(TermsAcceptance)
            .where(col(TermsAcceptance.tenant) == tenant, col(TermsAcceptance.user_id) == user_id)
            .order_by(col(TermsAcceptance.version))
        )
        return (await self.session.exec(query)).all()

    async def add_acceptance(self, acceptance: TermsAcceptance) -> TermsAcceptance:
        self.session.add(acceptance)
        await self.session.flush()
        return acceptance

    async def forget_user(self, tenant: str, user_id: str) -> None:
        for acceptance in await self.acceptances_of(tenant, user_id):
            await self.session.delete(acceptance)
        await self.session.flush()
