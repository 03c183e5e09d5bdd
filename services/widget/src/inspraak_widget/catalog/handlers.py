"""The catalog follows projects (`project.*`, `phase.*`, `department.*`) and contributions
(`input.*`, each a full snapshot with a version; and `reaction.set`, whose counts change
without a new input snapshot)."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events import CloudEvent, ConsumerSpec
from inspraak_widget.catalog import service
from inspraak_widget.catalog.schemas import (
    DepartmentSnapshot,
    InputSnapshot,
    ProjectSnapshot,
    ReactionCounts,
)

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
    filter_subjects=[
        "inspraak.*.contributions.input.>",
        "inspraak.*.contributions.reaction.set",
    ],
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
    entity, _ = entity_and_verb(event)
    if entity == "reaction":
        counts = ReactionCounts.model_validate(event.data)
        if counts.item_type == "input":
            await service.store_reaction_counts(session, event.tenant, counts)
        return
    await service.store_input(session, event.tenant, InputSnapshot.model_validate(event.data))
