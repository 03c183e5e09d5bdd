"""Project snapshots as the projects service publishes them, and ways to deliver them."""

import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from inspraak_shared.events import CloudEvent, new_event

DEPARTMENT = "dep-green"
OTHER_DEPARTMENT = "dep-culture"
# A square around the centre of a town: 4.40-4.50 E, 51.20-51.30 N.
AREA = {
    "type": "Polygon",
    "coordinates": [[[4.40, 51.20], [4.50, 51.20], [4.50, 51.30], [4.40, 51.30], [4.40, 51.20]]],
}


def new_project_id() -> str:
    return f"p-{secrets.token_hex(4)}"


def window(state: str) -> dict[str, str | None]:
    """starts_at/ends_at for an `open`, `ended`, `future` or `open_ended` phase."""
    now = datetime.now(UTC)
    hour = timedelta(hours=1)
    starts, ends = {
        "open": (now - hour, now + hour),
        "ended": (now - 3 * hour, now - hour),
        "future": (now + hour, now + 3 * hour),
        "open_ended": (now - hour, None),
    }[state]
    return {"starts_at": starts.isoformat(), "ends_at": ends.isoformat() if ends else None}


def phase(phase_id: str, kind: str, state: str = "open", **extra: Any) -> dict[str, Any]:
    return {"phase_id": phase_id, "kind": kind, "title": {"nl": phase_id}, **window(state), **extra}


def voting(method: str, *, max_votes: int | None = None, budget: str | None = None) -> dict:
    return {"method": method, "max_votes": max_votes, "budget": budget, "currency": "EUR"}


def snapshot(
    project_id: str,
    phases: list[dict[str, Any]],
    *,
    version: int = 1,
    status: str = "published",
    visibility: str = "public",
    department_id: str = DEPARTMENT,
    area_geometry: dict | None = None,
    topics: list[str] | None = None,
    areas: list[str] | None = None,
) -> dict[str, Any]:
    return {
        "project_id": project_id,
        "version": version,
        "slug": project_id,
        "department_id": department_id,
        "status": status,
        "visibility": visibility,
        "allowed_group_ids": [],
        "title": {"nl": f"Project {project_id}", "en": f"Project {project_id}"},
        "summary": {"nl": "..."},
        "goal": {"nl": "..."},
        "input_use": {"nl": "..."},
        "areas": areas or [],
        "topics": topics or [],
        "area_geometry": area_geometry,
        "header_image_url": None,
        "moderator_user_ids": [],
        "phases": phases,
    }


def project_event(tenant: str, data: dict[str, Any], verb: str = "updated") -> CloudEvent:
    return new_event(
        tenant=tenant,
        service="projects",
        entity="project",
        verb=verb,
        subject=data["project_id"],
        data=data,
    )


QUESTIONS = [
    {"question_id": "q1", "type": "single_choice", "required": True, "options": ["a", "b", "c"]},
    {
        "question_id": "q2",
        "type": "multiple_choice",
        "options": [{"option_id": "x"}, {"option_id": "y"}, {"option_id": "z"}],
    },
    {"question_id": "q3", "type": "scale", "required": True},
    {"question_id": "q4", "type": "text"},
    {"question_id": "q5", "type": "ranking", "options": ["r1", "r2", "r3"]},
    {
        "id": "q6",
        "type": "matrix",
        "options": [
            {"id": "good", "text": {"nl": "Goed"}},
            {"id": "bad", "text": {"nl": "Slecht"}},
        ],
        "rows": [
            {"id": "park", "text": {"nl": "Park"}},
            {"id": "street", "text": {"nl": "Straat"}},
        ],
    },
]
SCENARIOS = [
    {"scenario_id": "s1", "title": {"nl": "Park"}},
    {"scenario_id": "s2", "title": {"nl": "Parking"}},
    {"scenario_id": "s3", "title": {"nl": "Houses"}},
]


def survey_phase(phase_id: str, state: str = "open", questions: list | None = None) -> dict:
    return phase(
        phase_id,
        "survey",
        state,
        survey_id=f"survey-{phase_id}",
        survey={"questions": QUESTIONS if questions is None else questions},
    )


def scenario_phase(phase_id: str, state: str = "open") -> dict:
    return phase(phase_id, "scenario_planning", state, scenarios=SCENARIOS)
