"""Department rules: unique slugs, no deleting a department that still has projects."""

import uuid

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.text import check_languages
from inspraak_projects.departments import repository
from inspraak_projects.departments.auth import can_see_team
from inspraak_projects.departments.events import emit_department
from inspraak_projects.departments.models import Department
from inspraak_projects.departments.schemas import DepartmentCreate, DepartmentUpdate
from inspraak_projects.roles import service as roles
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.auth import Principal, ScopedRoleName
from inspraak_shared.problems import Conflict, Forbidden, NotFound, UnprocessableContent


async def get(session: AsyncSession, tenant: str, department_id: uuid.UUID) -> Department:
    department = await repository.get(session, tenant, department_id)
    if department is None:
        raise NotFound("There is no such department.", slug="department-not-found")
    return department


async def head_user_ids(session: AsyncSession, department: Department) -> list[str]:
    holders = await roles.holders(
        session, department.tenant, ScopedRoleName.DEPARTMENT_HEAD, str(department.id)
    )
    return [g.user_id for g in holders]


async def _check_slug(
    session: AsyncSession, tenant: str, slug: str, exclude: uuid.UUID | None = None
) -> None:
    if await repository.slug_taken(session, tenant, slug, exclude):
        raise Conflict(f"A department with the slug '{slug}' exists already.", slug="slug-taken")


async def create(session: AsyncSession, tenant: TenantConfig, data: DepartmentCreate) -> Department:
    if not data.name:
        raise UnprocessableContent("A department needs a name.", slug="name-missing")
    check_languages("name", data.name, tenant.languages)
    await _check_slug(session, tenant.slug, data.slug)
    department = Department(tenant=tenant.slug, slug=data.slug, name=data.name)
    repository.add(session, department)
    await session.flush()
    emit_department(session, department, "created", [])
    return department


async def update(
    session: AsyncSession, tenant: TenantConfig, department_id: uuid.UUID, data: DepartmentUpdate
) -> Department:
    department = await repository.get(session, tenant.slug, department_id, for_update=True)
    if department is None:
        raise NotFound("There is no such department.", slug="department-not-found")
    if data.slug is not None and data.slug != department.slug:
        await _check_slug(session, tenant.slug, data.slug, department.id)
        department.slug = data.slug
    if data.name is not None:
        if not data.name:
            raise UnprocessableContent("A department needs a name.", slug="name-missing")
        check_languages("name", data.name, tenant.languages)
        department.name = data.name
    department.version += 1
    await session.flush()
    emit_department(session, department, "updated", await head_user_ids(session, department))
    return department


async def delete(session: AsyncSession, tenant: str, department_id: uuid.UUID) -> None:
    department = await repository.get(session, tenant, department_id, for_update=True)
    if department is None:
        raise NotFound("There is no such department.", slug="department-not-found")
    if await repository.has_projects(session, department.id):
        raise Conflict(
            "The department still has projects; move or archive them elsewhere first.",
            slug="department-has-projects",
        )
    department.version += 1
    emit_department(session, department, "deleted", [])
    await repository.delete(session, department)
    await session.flush()


async def heads(
    session: AsyncSession, principal: Principal, tenant: str, department_id: uuid.UUID
) -> list[tuple[str, str]]:
    department = await get(session, tenant, department_id)
    if not can_see_team(principal, department.id):
        raise Forbidden("Only staff of the municipality see who heads a department.")
    holders = await roles.holders(
        session, tenant, ScopedRoleName.DEPARTMENT_HEAD, str(department.id)
    )
    return [(g.user_id, g.username) for g in holders]


async def heads_changed(session: AsyncSession, tenant: str, department_id: str) -> None:
    """A head was granted or revoked in identity: announce the new snapshot."""
    try:
        key = uuid.UUID(department_id)
    except ValueError:
        return
    department = await repository.get(session, tenant, key, for_update=True)
    if department is None:
        return
    department.version += 1
    await session.flush()
    emit_department(session, department, "updated", await head_user_ids(session, department))


async def list_all(session: AsyncSession, tenant: str) -> list[Department]:
    return list(await repository.list_all(session, tenant))
