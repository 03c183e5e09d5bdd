"""Keeping the catalog current from snapshots: a snapshot replaces an older one, never a newer."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_widget.catalog import repository
from inspraak_widget.catalog.schemas import (
    DepartmentSnapshot,
    InputSnapshot,
    ProjectSnapshot,
    ReactionCounts,
    phase_row,
)
from inspraak_widget.sites.models import utcnow


async def store_department(
    session: AsyncSession, tenant: str, snapshot: DepartmentSnapshot, *, deleted: bool
) -> bool:
    return await repository.save_department(
        session,
        {
            "tenant": tenant,
            "department_id": snapshot.department_id,
            "version": snapshot.version,
            "slug": snapshot.slug,
            "name": snapshot.name,
            "deleted": deleted,
        },
    )


async def store_project(session: AsyncSession, tenant: str, snapshot: ProjectSnapshot) -> bool:
    written = await repository.save_project(
        session,
        {
            "tenant": tenant,
            "project_id": snapshot.project_id,
            "version": snapshot.version,
            "slug": snapshot.slug,
            "department_id": snapshot.department_id,
            "status": snapshot.status,
            "visibility": snapshot.visibility,
            "title": snapshot.title,
            "summary": snapshot.summary,
            "phases": [phase_row(p) for p in snapshot.phases],
            "published_at": snapshot.published_at,
            "updated_at": utcnow(),
        },
    )
    if written:
        terms = [("area", a) for a in snapshot.areas] + [("topic", t) for t in snapshot.topics]
        await repository.replace_terms(session, tenant, snapshot.project_id, terms)
    return written


async def store_input(session: AsyncSession, tenant: str, snapshot: InputSnapshot) -> bool:
    return await repository.save_input(
        session,
        {
            "tenant": tenant,
            "input_id": snapshot.input_id,
            "version": snapshot.version,
            "project_id": snapshot.project_id,
            "title": snapshot.title[:300],
            "status": snapshot.status,
            "withdrawn": snapshot.hidden or snapshot.deleted,
            "comments": snapshot.counts.comments,
            "up": snapshot.counts.up,
            "created_at": snapshot.created_at,
        },
    )


async def store_reaction_counts(session: AsyncSession, tenant: str, event: ReactionCounts) -> None:
    # Counts only: the input's snapshot (and its version) stays as it is.
    await repository.set_input_up(session, tenant, event.item_id, event.counts.up)


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    await repository.forget_tenant(session, tenant)
