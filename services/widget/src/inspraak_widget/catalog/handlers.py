"""The catalog follows projects (`project.*`, `phase.*`, `department.*`) and contributions
(`input.*`); each event carries a full snapshot with a version."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events import CloudEvent, ConsumerSpec
from inspraak_widget.catalog import service
from inspraak_widget.catalog.schemas import DepartmentSnapshot, InputSnapshot, ProjectSnapshot

PROJECTS_CONSUMER = ConsumerSpec(
    durable="widget-projects",
    stream="INSPRAAK_PROJECTS",
    filter_subjects=[
        "inspraak.*.projects.project.>",
        "inspraak.*.projects.phase.>",
        "inspraak.*.projects.department.>",
    ],
)

CONTRIBUTIONS_CONSUMER = ConsumerSpec(
    durable="widget-contributions",
    stream="INSPRAAK_CONTRIBUTIONS",
    filter_subjects=["inspraak.*.contributions.input.>"],
)


def entity_and_verb(event: CloudEvent) -> tuple[str, str]:
    # eu.inspraak.<service>.<entity>.<verb>.v<n>
    parts = event.type.split(".")
    return parts[3], parts[4]


async def on_projects_event(session: AsyncSession, event: CloudEvent) -> None:
    entity, verb = entity_and_verb(event)
    if entity == "department":
        snapshot = DepartmentSnapshot.model_validate(event.data)
        await service.store_department(session, event.tenant, snapshot, deleted=verb == "deleted")
    elif entity in ("project", "phase"):
        await service.store_project(
            session, event.tenant, ProjectSnapshot.model_validate(event.data)
        )


async def on_contributions_event(session: AsyncSession, event: CloudEvent) -> None:
    await service.store_input(session, event.tenant, InputSnapshot.model_validate(event.data))
