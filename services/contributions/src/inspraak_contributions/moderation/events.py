"""The moderation event this service emits (hiding is announced by the item's own events)."""

from inspraak_shared.events import CloudEvent, new_event


def item_reported(
    *, tenant: str, project_id: str, item_type: str, item_id: str, reason: str, open_reports: int
) -> CloudEvent:
    return new_event(
        tenant=tenant,
        service="contributions",
        entity="item",
        verb="reported",
        subject=item_id,
        data={
            "item_type": item_type,
            "item_id": item_id,
            "project_id": project_id,
            "reason": reason,
            "open_reports": open_reports,
        },
    )
