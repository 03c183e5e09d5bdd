"""Catalog queries: what the widget lists, and the version-guarded writes from events."""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete as sql_delete
from sqlalchemy import exists, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_widget.catalog.models import (
    CatalogDepartment,
    CatalogInput,
    CatalogProject,
    CatalogProjectTerm,
)
from inspraak_widget.sql import upsert_if_newer

# What residents may see without signing in, as the projects service decides it.
PUBLIC = "public"
RESIDENT_STATUSES = ("published", "archived")
ACTIVE_STATUS = "published"
# A municipality runs tens of projects at a time, not thousands: a listing reads them all
# and sorts in Python by language-dependent keys; the cap keeps a runaway tenant cheap.
LISTING_CAP = 500


async def save_department(session: AsyncSession, values: dict[str, Any]) -> bool:
    return await upsert_if_newer(
        session, CatalogDepartment.__table__, values, ["tenant", "department_id"]
    )


async def save_project(session: AsyncSession, values: dict[str, Any]) -> bool:
    return await upsert_if_newer(
        session, CatalogProject.__table__, values, ["tenant", "project_id"]
    )


async def replace_terms(
    session: AsyncSession, tenant: str, project_id: str, terms: Sequence[tuple[str, str]]
) -> None:
    await session.exec(
        sql_delete(CatalogProjectTerm).where(
            col(CatalogProjectTerm.tenant) == tenant,
            col(CatalogProjectTerm.project_id) == project_id,
        )
    )
    for kind, term_id in dict.fromkeys(terms):
        session.add(
            CatalogProjectTerm(tenant=tenant, project_id=project_id, term_id=term_id, kind=kind)
        )
    await session.flush()


async def save_input(session: AsyncSession, values: dict[str, Any]) -> bool:
    return await upsert_if_newer(session, CatalogInput.__table__, values, ["tenant", "input_id"])


async def set_input_up(session: AsyncSession, tenant: str, input_id: str, up: int) -> None:
    await session.exec(
        update(CatalogInput)
        .where(col(CatalogInput.tenant) == tenant, col(CatalogInput.input_id) == input_id)
        .values(up=up)
    )


async def active_projects(
    session: AsyncSession,
    tenant: str,
    *,
    department_id: str | None = None,
    term_ids: Sequence[str] = (),
) -> list[CatalogProject]:
    query = select(CatalogProject).where(
        CatalogProject.tenant == tenant,
        CatalogProject.status == ACTIVE_STATUS,
        CatalogProject.visibility == PUBLIC,
    )
    if department_id:
        query = query.where(CatalogProject.department_id == department_id)
    for term_id in term_ids:
        query = query.where(
            exists().where(
                col(CatalogProjectTerm.tenant) == col(CatalogProject.tenant),
                col(CatalogProjectTerm.project_id) == col(CatalogProject.project_id),
                col(CatalogProjectTerm.term_id) == term_id,
            )
        )
    query = query.order_by(
        col(CatalogProject.published_at).desc().nulls_last(), col(CatalogProject.slug)
    ).limit(LISTING_CAP)
    return list((await session.exec(query)).all())


async def public_project(session: AsyncSession, tenant: str, key: str) -> CatalogProject | None:
    """A published or archived public project, by id or slug."""
    query = select(CatalogProject).where(
        CatalogProject.tenant == tenant,
        col(CatalogProject.status).in_(RESIDENT_STATUSES),
        CatalogProject.visibility == PUBLIC,
        (CatalogProject.project_id == key) | (CatalogProject.slug == key),
    )
    return (await session.exec(query)).first()


async def public_projects(session: AsyncSession, tenant: str) -> list[CatalogProject]:
    """Every project a widget may show on its own: published or archived, and public."""
    query = select(CatalogProject).where(
        CatalogProject.tenant == tenant,
        col(CatalogProject.status).in_(RESIDENT_STATUSES),
        CatalogProject.visibility == PUBLIC,
    )
    query = query.order_by(
        col(CatalogProject.status).desc(), col(CatalogProject.published_at).desc().nulls_last()
    )
    return list((await session.exec(query.limit(LISTING_CAP))).all())


async def latest_inputs(
    session: AsyncSession, tenant: str, project_id: str, *, popular: bool, limit: int
) -> list[CatalogInput]:
    order = (
        (col(CatalogInput.up).desc(), col(CatalogInput.created_at).desc())
        if popular
        else (col(CatalogInput.created_at).desc(),)
    )
    query = (
        select(CatalogInput)
        .where(
            CatalogInput.tenant == tenant,
            CatalogInput.project_id == project_id,
            col(CatalogInput.withdrawn).is_(False),
        )
        .order_by(*order)
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def departments(session: AsyncSession, tenant: str) -> list[CatalogDepartment]:
    query = select(CatalogDepartment).where(
        CatalogDepartment.tenant == tenant, col(CatalogDepartment.deleted).is_(False)
    )
    return list((await session.exec(query.order_by(col(CatalogDepartment.slug)))).all())


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    for table in (CatalogProjectTerm, CatalogInput, CatalogProject, CatalogDepartment):
        await session.exec(sql_delete(table).where(col(table.tenant) == tenant))
