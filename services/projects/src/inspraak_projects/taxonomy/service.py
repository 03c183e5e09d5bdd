"""Area and topic rules: unique slugs per kind, no deleting a tag that projects use."""

import uuid
from collections.abc import Iterable

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.text import check_languages
from inspraak_projects.taxonomy import repository
from inspraak_projects.taxonomy.models import Term, TermKind
from inspraak_projects.taxonomy.schemas import TermCreate, TermUpdate
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.problems import Conflict, NotFound, UnprocessableContent


def _check_name(tenant: TenantConfig, name: dict[str, str]) -> None:
    if not name:
        raise UnprocessableContent("An area or topic needs a name.", slug="name-missing")
    check_languages("name", name, tenant.languages)


async def get(session: AsyncSession, tenant: str, kind: TermKind, term_id: uuid.UUID) -> Term:
    term = await repository.get(session, tenant, kind, term_id)
    if term is None:
        raise NotFound(f"There is no such {kind}.", slug=f"{kind}-not-found")
    return term


async def list_kind(session: AsyncSession, tenant: str, kind: TermKind) -> list[Term]:
    return list(await repository.list_kind(session, tenant, kind))


async def create(
    session: AsyncSession, tenant: TenantConfig, kind: TermKind, data: TermCreate
) -> Term:
    _check_name(tenant, data.name)
    if await repository.slug_taken(session, tenant.slug, kind, data.slug):
        raise Conflict(f"An {kind} with the slug '{data.slug}' exists already.", slug="slug-taken")
    term = Term(tenant=tenant.slug, kind=kind, slug=data.slug, name=data.name)
    repository.add(session, term)
    await session.flush()
    return term


async def update(
    session: AsyncSession,
    tenant: TenantConfig,
    kind: TermKind,
    term_id: uuid.UUID,
    data: TermUpdate,
) -> Term:
    term = await get(session, tenant.slug, kind, term_id)
    _check_name(tenant, data.name)
    term.name = data.name
    await session.flush()
    return term


async def delete(session: AsyncSession, tenant: str, kind: TermKind, term_id: uuid.UUID) -> None:
    term = await get(session, tenant, kind, term_id)
    if await repository.in_use(session, term.id):
        raise Conflict(f"Projects are tagged with this {kind}.", slug=f"{kind}-in-use")
    await repository.delete(session, term)
    await session.flush()


async def require_existing(
    session: AsyncSession, tenant: str, kind: TermKind, ids: Iterable[uuid.UUID]
) -> list[uuid.UUID]:
    """The ids, de-duplicated in order; 422 naming any that this tenant does not have."""
    wanted = list(dict.fromkeys(ids))
    found = await repository.existing_ids(session, tenant, kind, wanted)
    unknown = [str(i) for i in wanted if i not in found]
    if unknown:
        raise UnprocessableContent(
            f"Unknown {kind} id(s): {', '.join(unknown)}.",
            slug=f"unknown-{kind}",
            extensions={"unknown_ids": unknown},
        )
    return wanted
