"""Phase API shapes, with each participation method's own settings."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from inspraak_projects.common.text import LangRichText, LangText
from inspraak_projects.phases.models import Eligibility, Phase, PhaseKind, ResultsVisibility

PhaseLike = Phase

ItemId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]


def _new_id() -> str:
    return uuid.uuid4().hex[:12]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class QuestionType(StrEnum):
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TEXT = "text"
    SCALE = "scale"  # 1 to 5
    RANKING = "ranking"
    MATRIX = "matrix"  # rows by the options as columns


CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING}


class Choice(Strict):
    id: ItemId = Field(default_factory=_new_id)
    text: LangText


class Question(Strict):
    id: ItemId = Field(default_factory=_new_id)
    type: QuestionType
    text: LangText  # each question has its own language versions
    required: bool = False
    options: list[Choice] = Field(default_factory=list, max_length=50)
    rows: list[Choice] = Field(default_factory=list, max_length=50)

    @model_validator(mode="after")
    def _shape_fits_type(self) -> Self:
        if not self.text:
            raise ValueError("a question needs its text")
        if self.type in CHOICE_TYPES or self.type is QuestionType.MATRIX:
            if len(self.options) < 2:
                raise ValueError(f"a {self.type} question needs at least two options")
        elif self.options:
            raise ValueError(f"a {self.type} question has no options")
        if self.type is QuestionType.MATRIX and not self.rows:
            raise ValueError("a matrix question needs at least one row")
        if self.type is not QuestionType.MATRIX and self.rows:
            raise ValueError("only a matrix question has rows")
        _unique_ids("option", self.options)
        _unique_ids("row", self.rows)
        return self


def _unique_ids(what: str, items: list[Choice] | list[Question] | list["Scenario"]) -> None:
    ids = [item.id for item in items]
    if len(ids) != len(set(ids)):
        raise ValueError(f"{what} ids must be unique")


class Survey(Strict):
    questions: list[Question] = Field(min_length=1, max_length=100)

    @model_validator(mode="after")
    def _unique(self) -> Self:
        _unique_ids("question", self.questions)
        return self


class VotingMethod(StrEnum):
    SUPPORT = "support"  # one vote per item, as often as you like
    MULTIPLE = "multiple"  # up to max_votes votes in total
    BUDGET = "budget"  # a basket of costed items within the budget


class BudgetItem(Strict):
    id: ItemId = Field(default_factory=_new_id)
    title: LangText
    description: LangRichText = Field(default_factory=dict)
    cost: int = Field(gt=0, description="In whole units of the phase's currency")


class Voting(Strict):
    method: VotingMethod
    max_votes: int | None = Field(default=None, ge=1, le=1000)
    budget: int | None = Field(default=None, gt=0, description="In whole units of the currency")
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "EUR"
    # Costed items for a participatory budget; without them, residents' inputs are the items.
    items: list[BudgetItem] = Field(default_factory=list, max_length=200)

    @model_validator(mode="after")
    def _rules_fit_method(self) -> Self:
        if self.method is VotingMethod.MULTIPLE and self.max_votes is None:
            raise ValueError("multiple voting needs max_votes")
        if self.method is VotingMethod.BUDGET and self.budget is None:
            raise ValueError("a participatory budget needs its total budget")
        if self.method is not VotingMethod.BUDGET and (self.budget is not None or self.items):
            raise ValueError("only a participatory budget has a budget and costed items")
        if self.method is VotingMethod.SUPPORT and self.max_votes is not None:
            raise ValueError("simple support has no maximum number of votes")
        if self.budget is not None and any(item.cost > self.budget for item in self.items):
            raise ValueError("an item cannot cost more than the whole budget")
        _unique_ids("item", self.items)  # type: ignore[arg-type]
        return self


class Scenario(Strict):
    id: ItemId = Field(default_factory=_new_id)
    title: LangText
    description: LangRichText = Field(default_factory=dict)


class Participation(Strict):
    who: Eligibility = Eligibility.ANYONE
    area_ids: list[uuid.UUID] = Field(default_factory=list, max_length=100)

    @model_validator(mode="after")
    def _areas_only_for_areas(self) -> Self:
        if self.who is Eligibility.AREAS and not self.area_ids:
            raise ValueError("participation limited to areas needs at least one area")
        if self.who is not Eligibility.AREAS and self.area_ids:
            raise ValueError("area_ids only apply when who is 'areas'")
        return self


METHOD_SETTINGS = {
    PhaseKind.SURVEY: "survey",
    PhaseKind.POLL: "survey",
    PhaseKind.VOTING: "voting",
    PhaseKind.SCENARIO_PLANNING: "scenarios",
}


class PhaseSettings(Strict):
    """The parts of a phase that define how people take part."""

    kind: PhaseKind
    survey: Survey | None = None
    voting: Voting | None = None
    scenarios: list[Scenario] | None = Field(default=None, max_length=20)

    @model_validator(mode="after")
    def _settings_fit_kind(self) -> Self:
        needed = METHOD_SETTINGS.get(self.kind)
        for name in ("survey", "voting", "scenarios"):
            present = getattr(self, name) is not None
            if name == needed and not present:
                raise ValueError(f"a {self.kind} phase needs '{name}'")
            if name != needed and present:
                raise ValueError(f"a {self.kind} phase has no '{name}'")
        if self.kind is PhaseKind.POLL:
            assert self.survey is not None
            questions = self.survey.questions
            if len(questions) != 1 or questions[0].type not in {
                QuestionType.SINGLE_CHOICE,
                QuestionType.MULTIPLE_CHOICE,
            }:
                raise ValueError("a poll is exactly one single or multiple choice question")
        if self.scenarios is not None:
            if len(self.scenarios) < 2:
                raise ValueError("scenario planning compares at least two scenarios")
            _unique_ids("scenario", self.scenarios)
        return self

    def config(self) -> dict[str, object]:
        needed = METHOD_SETTINGS.get(self.kind)
        if needed is None:
            return {}
        return {needed: self.model_dump(mode="json")[needed]}


class PhaseCreate(PhaseSettings):
    title: LangText = Field(min_length=1)
    description: LangRichText = Field(default_factory=dict)
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    participation: Participation = Field(default_factory=Participation)
    results_visibility: ResultsVisibility = ResultsVisibility.AFTER

    @model_validator(mode="after")
    def _ends_after_start(self) -> Self:
        if self.ends_at <= self.starts_at:
            raise ValueError("a phase ends after it starts")
        return self


class PhaseUpdate(Strict):
    """Only what is given changes; `kind` with its settings is replaced as a whole."""

    title: LangText | None = None
    description: LangRichText | None = None
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    participation: Participation | None = None
    results_visibility: ResultsVisibility | None = None
    method: PhaseSettings | None = None


class PhaseState(StrEnum):
    UPCOMING = "upcoming"
    ACTIVE = "active"
    FINISHED = "finished"


class PhaseRead(BaseModel):
    id: uuid.UUID
    kind: PhaseKind
    title: dict[str, str]
    description: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    state: PhaseState
    participation: Participation
    results_visibility: ResultsVisibility
    survey: Survey | None = None
    voting: Voting | None = None
    scenarios: list[Scenario] | None = None
    has_input: bool

    @classmethod
    def of(cls, phase: "PhaseLike", now: datetime) -> "PhaseRead":
        config = phase.config or {}
        if now < phase.starts_at:
            state = PhaseState.UPCOMING
        elif now < phase.ends_at:
            state = PhaseState.ACTIVE
        else:
            state = PhaseState.FINISHED
        return cls(
            id=phase.id,
            kind=PhaseKind(phase.kind),
            title=phase.title,
            description=phase.description,
            starts_at=phase.starts_at,
            ends_at=phase.ends_at,
            state=state,
            participation=Participation(
                who=Eligibility(phase.eligibility),
                area_ids=[uuid.UUID(a) for a in phase.eligible_area_ids],
            ),
            results_visibility=ResultsVisibility(phase.results_visibility),
            survey=config.get("survey"),
            voting=config.get("voting"),
            scenarios=config.get("scenarios"),
            has_input=phase.input_received_at is not None,
        )
