"""The project snapshot as the projects service publishes it (docs/events.md), read leniently.

Unknown fields are ignored so the projects service can add fields without breaking us.
Beyond docs/events.md this service reads what the projects service adds to a phase:
`survey {questions}`, `scenarios`, `voting.items` (costed budget items), `participation
{who, area_ids}` and `results_visibility`, and `allowed_user_ids` on a restricted project.
Ids may come as `id` or as `<thing>_id`.
"""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class PhaseKind(StrEnum):
    INFORMATION = "information"
    IDEATION = "ideation"
    SPATIAL_PLAN = "spatial_plan"
    SURVEY = "survey"
    POLL = "poll"
    SCENARIO_PLANNING = "scenario_planning"
    VOTING = "voting"


class VotingMethod(StrEnum):
    SUPPORT = "support"
    MULTIPLE = "multiple"
    BUDGET = "budget"


class ProjectStatus(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Visibility(StrEnum):
    PUBLIC = "public"
    HIDDEN = "hidden"
    RESTRICTED = "restricted"


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore")


def _language_map(value: Any) -> dict[str, str]:
    if value is None:
        return {}
    if isinstance(value, str):
        return {"nl": value}
    return {str(k): str(v) for k, v in dict(value).items()}


def _with_id(value: Any, name: str) -> Any:
    """Accept `{"id": ...}` where we call the field `<name>`."""
    if isinstance(value, dict) and name not in value and "id" in value:
        return {**value, name: value["id"]}
    return value


def _option_ids(value: Any) -> list[str]:
    # Options may come as plain ids, as {id, text} or as {option_id, label}.
    ids = []
    for option in value or []:
        if isinstance(option, dict):
            ids.append(str(option.get("option_id", option.get("id"))))
        else:
            ids.append(str(option))
    return ids


class BudgetItemSnapshot(_Lenient):
    """A costed item the municipality put up for a participatory budget."""

    item_id: str
    title: dict[str, str] = Field(default_factory=dict)
    cost: Decimal = Field(ge=0)

    @model_validator(mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        return _with_id(value, "item_id")

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> dict[str, str]:
        return _language_map(value)


class VotingSnapshot(_Lenient):
    method: VotingMethod
    max_votes: int | None = Field(default=None, ge=1)
    budget: Decimal | None = Field(default=None, ge=0)
    currency: str | None = None
    items: list[BudgetItemSnapshot] = Field(default_factory=list)


class SurveyQuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TEXT = "text"
    SCALE = "scale"
    RANKING = "ranking"
    MATRIX = "matrix"


class SurveyQuestion(_Lenient):
    question_id: str
    type: SurveyQuestionType
    required: bool = False
    options: list[str] = Field(default_factory=list)
    # A matrix question's rows; each row is answered with one of the options.
    rows: list[str] = Field(default_factory=list)
    text: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        return _with_id(value, "question_id")

    @field_validator("options", "rows", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> list[str]:
        return _option_ids(value)

    @field_validator("text", mode="before")
    @classmethod
    def _text(cls, value: Any) -> dict[str, str]:
        return _language_map(value)


class SurveySnapshot(_Lenient):
    questions: list[SurveyQuestion] = Field(default_factory=list)


class ScenarioSnapshot(_Lenient):
    scenario_id: str
    title: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _id(cls, value: Any) -> Any:
        return _with_id(value, "scenario_id")

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> dict[str, str]:
        return _language_map(value)


class Eligibility(StrEnum):
    ANYONE = "anyone"
    REGISTERED = "registered"
    AREAS = "areas"


class ResultsVisibility(StrEnum):
    DURING = "during"  # public while the phase runs
    AFTER = "after"  # public once the phase has ended
    STAFF = "staff"  # never public


class ParticipationSnapshot(_Lenient):
    who: Eligibility = Eligibility.REGISTERED
    area_ids: list[str] = Field(default_factory=list)

    @field_validator("area_ids", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> list[str]:
        return [str(v) for v in value or []]


class PhaseSnapshot(_Lenient):
    phase_id: str
    kind: PhaseKind
    title: dict[str, str] = Field(default_factory=dict)
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    voting: VotingSnapshot | None = None
    survey_id: str | None = None
    survey: SurveySnapshot | None = None
    scenarios: list[ScenarioSnapshot] = Field(default_factory=list)
    participation: ParticipationSnapshot = Field(default_factory=ParticipationSnapshot)
    results_visibility: ResultsVisibility = ResultsVisibility.STAFF

    @field_validator("scenarios", mode="before")
    @classmethod
    def _no_scenarios(cls, value: Any) -> Any:
        return value or []

    @field_validator("participation", mode="before")
    @classmethod
    def _default_participation(cls, value: Any) -> Any:
        return value or {}

    @field_validator("phase_id", "survey_id", mode="before")
    @classmethod
    def _id_as_string(cls, value: Any) -> Any:
        return None if value is None else str(value)

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> dict[str, str]:
        return _language_map(value)


class ProjectSnapshot(_Lenient):
    project_id: str
    version: int
    department_id: str | None = None
    status: ProjectStatus
    visibility: Visibility = Visibility.PUBLIC
    allowed_group_ids: list[str] = Field(default_factory=list)
    title: dict[str, str] = Field(default_factory=dict)
    topics: list[str] = Field(default_factory=list)
    areas: list[str] = Field(default_factory=list)
    area_geometry: dict[str, Any] | None = None
    moderator_user_ids: list[str] = Field(default_factory=list)
    # Residents a restricted project admits (invited people).
    allowed_user_ids: list[str] = Field(default_factory=list)
    phases: list[PhaseSnapshot] = Field(default_factory=list)

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> dict[str, str]:
        return _language_map(value)

    @field_validator("department_id", "project_id", mode="before")
    @classmethod
    def _id_as_string(cls, value: Any) -> Any:
        return None if value is None else str(value)

    @field_validator(
        "topics",
        "areas",
        "allowed_group_ids",
        "allowed_user_ids",
        "moderator_user_ids",
        mode="before",
    )
    @classmethod
    def _ids(cls, value: Any) -> list[str]:
        return [str(v) for v in value or []]


class PhaseRead(BaseModel):
    phase_id: str
    kind: str
    title: dict[str, str]
    starts_at: datetime | None
    ends_at: datetime | None
    is_open: bool
    voting_method: str | None
    max_votes: int | None
    budget: Decimal | None
    currency: str | None
    budget_items: list[dict[str, Any]]
    results_visibility: str
