"""The input events this service emits: the input's full public snapshot with its version."""

from typing import Any

from inspraak_contributions.inputs.models import Input
from inspraak_contributions.inputs.schemas import Counts
from inspraak_shared.events import CloudEvent, new_event

SERVICE = "contributions"


def input_snapshot(row: Input, counts: Counts) -> dict[str, Any]:
    return {
        "input_id": row.input_id,
        "version": row.version,
        "project_id": row.project_id,
        "phase_id": row.phase_id,
        "author_user_id": row.author_user_id,
        "author_username": row.author_username,
        "title": row.title,
        "topic_id": row.topic_id,
        "area_id": row.area_id,
        "status": row.status,
        "official_response": row.official_response,
        "hidden": row.hidden,
        "deleted": row.deleted_at is not None,
        "location": row.location,
        "cost": str(row.cost) if row.cost is not None else None,
        "counts": counts.model_dump(),
        "created_at": row.created_at.isoformat(),
    }


def input_event(row: Input, counts: Counts, verb: str) -> CloudEvent:
    """`verb` is one of created, updated, status_changed, hidden, unhidden, deleted."""
    return new_event(
        tenant=row.tenant,
        service=SERVICE,
        entity="input",
        verb=verb,
        subject=row.input_id,
        data=input_snapshot(row, counts),
    )
