"""Consumes the projects service's project and department events into the read models."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.projects import repository
from inspraak_identity.projects.models import KnownDepartment, ProjectDepartment
from inspraak_shared.events import CloudEvent, ConsumerSpec, stream_name

PROJECT_EVENTS = ConsumerSpec(
    durable="identity-projects",
    stream=stream_name("projects"),
    filter_subjects=["inspraak.*.projects.project.>"],
)
DEPARTMENT_EVENTS = ConsumerSpec(
    durable="identity-departments",
    stream=stream_name("projects"),
    filter_subjects=["inspraak.*.projects.department.>"],
)
REMOVING_VERBS = frozenset({"deleted", "removed"})


async def on_project_event(session: AsyncSession, event: CloudEvent) -> None:
    project_id = event.data.get("project_id")
    if not project_id:
        return  # not about one project: nothing for this read model
    verb = event.type.split(".")[-2]
    raw_version = event.data.get("version")
    version = raw_version if isinstance(raw_version, int) else None
    row = await repository.get(session, event.tenant, str(project_id))
    if row is not None and _is_stale(row, version, event):
        return
    if row is None:
        row = ProjectDepartment(
            tenant=event.tenant, project_id=str(project_id), event_time=event.time
        )
    row.event_time = event.time
    row.version = version
    if verb in REMOVING_VERBS:
        row.deleted = True
    else:
        row.deleted = False
        if "department_id" in event.data:
            department = event.data["department_id"]
            row.department_id = str(department) if department is not None else None
    await repository.save(session, row)


async def on_department_event(session: AsyncSession, event: CloudEvent) -> None:
    department_id = event.data.get("department_id")
    if not department_id:
        return
    raw_version = event.data.get("version")
    version = raw_version if isinstance(raw_version, int) else None
    row = await repository.get_department(session, event.tenant, str(department_id))
    if row is not None and _is_stale(row, version, event):
        return
    if row is None:
        row = KnownDepartment(
            tenant=event.tenant, department_id=str(department_id), event_time=event.time
        )
    row.event_time = event.time
    row.version = version
    row.deleted = event.type.split(".")[-2] in REMOVING_VERBS
    await repository.save(session, row)


def _is_stale(
    row: ProjectDepartment | KnownDepartment, version: int | None, event: CloudEvent
) -> bool:
    if version is not None and row.version is not None:
        return version <= row.version
    return row.event_time > event.time
