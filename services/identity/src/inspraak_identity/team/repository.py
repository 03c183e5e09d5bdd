"""Queries on onboarding progress."""

from collections.abc import Iterable, Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.team.models import OnboardingProgress


class OnboardingRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_user(self, tenant: str, user_id: str) -> Sequence[OnboardingProgress]:
        query = select(OnboardingProgress).where(
            col(OnboardingProgress.tenant) == tenant, col(OnboardingProgress.user_id) == user_id
        )
        return (await self.session.exec(query)).all()

    async def of_users(self, tenant: str, user_ids: Iterable[str]) -> Sequence[OnboardingProgress]:
        query = select(OnboardingProgress).where(
            col(OnboardingProgress.tenant) == tenant,
            col(OnboardingProgress.user_id).in_(list(user_ids)),
        )
        return (await self.session.exec(query)).all()

    async def tick(self, tenant: str, user_id: str, item_key: str, done: bool) -> None:
        existing = await self.session.get(OnboardingProgress, (tenant, user_id, item_key))
        if done and existing is None:
            self.session.add(OnboardingProgress(tenant=tenant, user_id=user_id, item_key=item_key))
        elif not done and existing is not None:
            await self.session.delete(existing)
        await self.session.flush()

    async def forget_user(self, tenant: str, user_id: str) -> None:
        for row in await self.of_user(tenant, user_id):
            await self.session.delete(row)
        await self.session.flush()
