"""How a phase appears inside the project snapshot, and the phase events."""

from typing import Any

from inspraak_projects.phases.models import Phase, PhaseKind

SURVEY_KINDS = {PhaseKind.SURVEY, PhaseKind.POLL}


def phase_snapshot(phase: Phase) -> dict[str, Any]:
    """docs/events.md's phase fields, plus the method's settings consumers need to enforce it."""
    config = phase.config or {}
    return {
        "phase_id": str(phase.id),
        "kind": phase.kind,
        "title": phase.title,
        "starts_at": phase.starts_at.isoformat(),
        "ends_at": phase.ends_at.isoformat(),
        "voting": config.get("voting"),
        # One survey per phase: the phase id is the survey id.
        "survey_id": str(phase.id) if phase.kind in SURVEY_KINDS else None,
        "survey": config.get("survey"),
        "scenarios": config.get("scenarios"),
        "participation": {"who": phase.eligibility, "area_ids": phase.eligible_area_ids},
        "results_visibility": phase.results_visibility,
    }
