"""Pages composed from the services: a project with its current phase and what a person
can do in it, an input with its comments."""

import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from inspraak_gateway.web.api import ServiceApi
from inspraak_gateway.web.i18n import N_

IDEA_KINDS = frozenset({"ideation", "spatial_plan"})

# What contributions refuses in an answer, per question type, said the way the form asks.
SURVEY_ANSWER_ERRORS = {
    "single_choice": N_("Choose one of the options."),
    "multiple_choice": N_("Choose one or more different options."),
    "scale": N_("Choose a number from 1 to 5."),
    "text": N_("Write at most 5,000 characters."),
    "matrix": N_("Choose an answer in every row."),
    "ranking": N_("Put every option in its own place."),
}
UNANSWERED = N_("Answer this question.")


@dataclass
class SurveyForm:
    """A survey form the service refused: what was typed, and the error per question id."""

    answers: dict[str, Any]
    errors: dict[str, str]


@dataclass
class ProjectPage:
    project: dict[str, Any]
    phase: dict[str, Any] | None
    inputs: list[dict[str, Any]] = field(default_factory=list)
    ballot: dict[str, Any] | None = None
    survey_response: dict[str, Any] | None = None
    ranking: list[str] = field(default_factory=list)
    budget_options: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.phase is not None and self.phase.get("state") == "active"


async def active_projects(api: ServiceApi) -> list[dict[str, Any]]:
    page = await api.get("projects", "/projects", status="published", limit=50)
    return list(page.get("items", []))


async def project_page(api: ServiceApi, slug: str) -> ProjectPage:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    phases = project.get("phases", [])
    phase = next((p for p in phases if p["id"] == project.get("current_phase_id")), None)
    # Newest first, as the projects service lists them; a long-running project shows its
    # recent news, and followers got every update by mail.
    updates = await api.get("projects", f"/projects/{project['id']}/updates", limit=10)
    view = ProjectPage(project, phase, updates=list(updates or []))
    if phase is None:
        return view
    kind = phase["kind"]
    project_id = project["id"]
    signed_in = api.token is not None
    base = f"/projects/{project_id}/phases/{phase['id']}"
    if kind in IDEA_KINDS:
        view.inputs = await _inputs(api, project_id, phase_id=phase["id"])
    elif kind == "voting":
        view.inputs, view.ballot = await asyncio.gather(
            _inputs(api, project_id),
            api.get("contributions", f"{base}/ballot") if signed_in else _none(),
        )
        if view.ballot is not None:
            # The basket lists items with their title and cost; the form needs their ids.
            view.ballot["basket"] = [
                b["input_id"] if isinstance(b, dict) else b for b in view.ballot.get("basket", [])
            ]
        items = (phase.get("voting") or {}).get("items") or []
        view.budget_options = (
            [{"id": i["id"], "title": i["title"], "cost": i["cost"]} for i in items]
            if items
            else [
                {"id": i["input_id"], "title": i["title"], "cost": i["cost"]}
                for i in view.inputs
                if i.get("cost") is not None
            ]
        )
    elif kind in {"survey", "poll"} and signed_in:
        view.survey_response = await api.get("contributions", f"{base}/survey-response")
    elif kind == "scenario_planning" and signed_in:
        mine = await api.get("contributions", f"{base}/scenario-ranking")
        view.ranking = list((mine or {}).get("ranking", []))
    return view


def ranking_from_places(scenario_ids: list[str], places: dict[str, str]) -> list[str] | None:
    """Scenario ids ordered by the place a person gave each (1 = most preferred); None when
    a place is missing or given twice."""
    try:
        numbers = {sid: int(places[sid]) for sid in scenario_ids}
    except (KeyError, ValueError):
        return None
    if sorted(numbers.values()) != list(range(1, len(scenario_ids) + 1)):
        return None
    return sorted(scenario_ids, key=numbers.__getitem__)


async def _none() -> None:
    return None


async def _inputs(api: ServiceApi, project_id: str, **filters: Any) -> list[dict[str, Any]]:
    page = await api.get("contributions", f"/projects/{project_id}/inputs", limit=50, **filters)
    return list(page.get("items", []))


async def input_page(
    api: ServiceApi, slug: str, input_id: str
) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    project = await api.get("projects", f"/projects/by-slug/{slug}")
    base = f"/projects/{project['id']}/inputs/{input_id}"
    contribution, comments = await asyncio.gather(
        api.get("contributions", base), api.get("contributions", f"{base}/comments")
    )
    return project, contribution, list(comments)


def survey_answers(questions: list[dict[str, Any]], form: dict[str, list[str]]) -> dict[str, Any]:
    """A survey form's fields (`q-<id>`, `q-<id>-<row>`) as the answers the service takes."""
    answers: dict[str, Any] = {}
    for question in questions:
        key = f"q-{question['id']}"
        kind = question["type"]
        values = [v for v in form.get(key, []) if v.strip()]
        # An unanswered question is left out: the service takes no empty list or row map
        # (and a complete response still needs every required question).
        if kind in ("multiple_choice", "ranking"):
            if values:
                answers[question["id"]] = values
        elif kind == "matrix":
            rows = {
                row["id"]: form[f"{key}-{row['id']}"][0]
                for row in question.get("rows", [])
                if form.get(f"{key}-{row['id']}")
            }
            if rows:
                answers[question["id"]] = rows
        elif kind == "scale" and values:
            answers[question["id"]] = int(values[0]) if values[0].isdigit() else values[0]
        elif values:
            answers[question["id"]] = values[0]
    return answers


def survey_errors(questions: list[dict[str, Any]], problem: dict[str, Any]) -> dict[str, str]:
    """Contributions' refusal of survey answers as an (untranslated) error per question id;
    empty when the refusal is not about the answers (a closed survey, say)."""
    types = {str(q["id"]): str(q.get("type")) for q in questions}
    kind = re.split(r"[/:]", str(problem.get("type", "")))[-1]
    if kind == "required-answers-missing":
        missing = [str(q) for q in problem.get("question_ids") or [] if str(q) in types]
        return dict.fromkeys(missing, UNANSWERED)
    question_id = str(problem.get("question_id", ""))
    if kind == "invalid-answer" and question_id in types:
        return {question_id: SURVEY_ANSWER_ERRORS.get(types[question_id], UNANSWERED)}
    return {}
