"""Area and topic queries."""

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy import exists
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.projects.models import ProjectTerm
from inspraak_projects.taxonomy.models import Term


async def get(session: AsyncSession, tenant: str, kind: str, term_id: uuid.UUID) -> Term | None:
    query = select(Term).where(Term.tenant == tenant, Term.kind == kind, Term.id == term_id)
    return (await session.exec(query)).first()


async def list_kind(session: AsyncSession, tenant: str, kind: str) -> Sequence[Term]:
    query = select(Term).where(Term.tenant == tenant, Term.kind == kind).order_by(col(Term.slug))
    return (await session.exec(query)).all()


async def existing_ids(
    session: AsyncSession, tenant: str, kind: str, ids: Iterable[uuid.UUID]
) -> set[uuid.UUID]:
    wanted = list(ids)
    if not wanted:
        return set()
    query = select(Term.id).where(
        Term.tenant == tenant, Term.kind == kind, col(Term.id).in_(wanted)
    )
    return set((await session.exec(query)).all())


async def slug_taken(session: AsyncSession, tenant: str, kind: str, slug: str) -> bool:
    query = select(Term.id).where(Term.tenant == tenant, Term.kind == kind, Term.slug == slug)
    return (await session.exec(query)).first() is not None


async def in_use(session: AsyncSession, term_id: uuid.UUID) -> bool:
    query = select(exists().where(col(ProjectTerm.term_id) == term_id))
    return bool((await session.exec(query)).one())


def add(session: AsyncSession, term: Term) -> None:
    session.add(term)


async def delete(session: AsyncSession, term: Term) -> None:
    await session.delete(term)
