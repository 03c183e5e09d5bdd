"""identity's tenant events: keep languages and approval settings; forget a deleted tenant."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.calendar.models import CalendarFeed, EvaluationMoment
from inspraak_projects.departments.models import Department
from inspraak_projects.phases.models import Phase
from inspraak_projects.projects.models import Project
from inspraak_projects.roles.models import RoleGrant
from inspraak_projects.taxonomy.models import Term
from inspraak_projects.tenants import repository, service
from inspraak_projects.tenants.models import TenantConfig
from inspraak_projects.updates.models import ProjectUpdate
from inspraak_shared.events import CloudEvent

# Children before parents; a project's tags, access, followers and decisions cascade with it.
TENANT_TABLES: list[type] = [
    CalendarFeed, EvaluationMoment, ProjectUpdate, Phase, Project, Term, Department, RoleGrant,
]  # fmt: skip


async def on_tenant_applied(session: AsyncSession, event: CloudEvent) -> None:
    if event.data.get("slug") != event.tenant:
        return  # a snapshot must describe the tenant it was published for
    await service.apply_snapshot(session, event.data)


async def on_tenant_deleted(session: AsyncSession, event: CloudEvent) -> None:
    if event.data.get("slug", event.tenant) != event.tenant:
        return
    await repository.delete_tenant_rows(session, TENANT_TABLES, event.tenant)
    tenant = await session.get(TenantConfig, event.tenant)
    if tenant is not None:
        await session.delete(tenant)
    await session.flush()
