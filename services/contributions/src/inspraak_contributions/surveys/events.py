"""The survey event this service emits: how many responses, never whose."""

from inspraak_shared.events import CloudEvent, new_event


def survey_submitted(
    *, tenant: str, project_id: str, phase_id: str, survey_id: str | None, responses: int
) -> CloudEvent:
    return new_event(
        tenant=tenant,
        service="contributions",
        entity="survey",
        verb="submitted",
        subject=phase_id,
        data={
            "project_id": project_id,
            "phase_id": phase_id,
            "survey_id": survey_id,
            "responses": responses,
        },
    )
