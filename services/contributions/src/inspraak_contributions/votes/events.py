"""The vote events this service emits: aggregated tallies, never who voted."""

from inspraak_contributions.votes.models import VoteTally
from inspraak_shared.events import CloudEvent, new_event

SERVICE = "contributions"


def votes_changed(tally: VoteTally) -> CloudEvent:
    return new_event(
        tenant=tally.tenant,
        service=SERVICE,
        entity="votes",
        verb="changed",
        subject=tally.input_id,
        data={
            "project_id": tally.project_id,
            "phase_id": tally.phase_id,
            "input_id": tally.input_id,
            "votes": tally.votes,
            # Grows with every change of this tally: keep only the newest.
            "version": tally.version,
        },
    )


def basket_submitted(
    *, tenant: str, project_id: str, phase_id: str, items: int, baskets: int
) -> CloudEvent:
    return new_event(
        tenant=tenant,
        service=SERVICE,
        entity="basket",
        verb="submitted",
        subject=phase_id,
        data={
            "project_id": project_id,
            "phase_id": phase_id,
            "items": items,
            "baskets_submitted": baskets,
        },
    )
