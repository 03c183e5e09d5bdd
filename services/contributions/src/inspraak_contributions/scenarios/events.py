"""The scenario event this service emits: how many rankings, never whose."""

from inspraak_shared.events import CloudEvent, new_event


def scenario_ranked(*, tenant: str, project_id: str, phase_id: str, rankings: int) -> CloudEvent:
    return new_event(
        tenant=tenant,
        service="contributions",
        entity="scenario",
        verb="ranked",
        subject=phase_id,
        data={"project_id": project_id, "phase_id": phase_id, "rankings": rankings},
    )
