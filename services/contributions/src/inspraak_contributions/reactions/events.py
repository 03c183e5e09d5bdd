"""The reaction event this service emits: counts only, never who reacted."""

from inspraak_shared.events import CloudEvent, new_event


def reaction_set(
    *, tenant: str, project_id: str, item_type: str, item_id: str, up: int, down: int
) -> CloudEvent:
    return new_event(
        tenant=tenant,
        service="contributions",
        entity="reaction",
        verb="set",
        subject=item_id,
        data={
            "item_type": item_type,
            "item_id": item_id,
            "project_id": project_id,
            "counts": {"up": up, "down": down},
        },
    )
