"""Queries on people."""

from collections.abc import Iterable, Sequence

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.people.models import Person


class PersonRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, tenant: str, user_id: str, *, for_update: bool = False) -> Person | None:
        query = select(Person).where(col(Person.tenant) == tenant, col(Person.user_id) == user_id)
        if for_update:
            query = query.with_for_update()
        return (await self.session.exec(query)).first()

    async def by_username(self, tenant: str, username: str) -> Person | None:
        query = select(Person).where(
            col(Person.tenant) == tenant, col(Person.username) == username.lower()
        )
        return (await self.session.exec(query)).first()

    async def many(self, tenant: str, user_ids: Iterable[str]) -> Sequence[Person]:
        query = select(Person).where(
            col(Person.tenant) == tenant, col(Person.user_id).in_(list(user_ids))
        )
        return (await self.session.exec(query)).all()

    async def save(self, person: Person) -> Person:
        self.session.add(person)
        await self.session.flush()
        return person
