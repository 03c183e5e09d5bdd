"""Results as the API returns them: figures only, never who voted or answered what."""

from datetime import date
from decimal import Decimal

from pydantic import BaseModel


class TallyRow(BaseModel):
    input_id: str
    title: str | dict[str, str]
    votes: int
    share_percent: float
    cost: Decimal | None = None
    funded: bool | None = None


class VotingResults(BaseModel):
    method: str
    voters: int
    total_votes: int
    baskets_submitted: int | None = None
    budget: Decimal | None = None
    currency: str | None = None
    allocated: Decimal | None = None
    tallies: list[TallyRow]


class OptionCount(BaseModel):
    option_id: str
    count: int
    percent: float
    average_rank: float | None = None


class QuestionSummary(BaseModel):
    question_id: str
    type: str
    text: dict[str, str]
    answered: int
    options: list[OptionCount]
    average: float | None = None
    free_text: list[str] = []
    # Matrix questions: the option counts per row.
    rows: dict[str, list[OptionCount]] = {}


class SurveyResults(BaseModel):
    respondents: int
    questions: list[QuestionSummary]


class ScenarioRow(BaseModel):
    scenario_id: str
    title: dict[str, str]
    average_rank: float | None
    first_choices: int
    first_choice_share_percent: float


class ScenarioResults(BaseModel):
    rankings: int
    scenarios: list[ScenarioRow]


class PhaseResults(BaseModel):
    phase_id: str
    kind: str
    inputs: int | None = None
    voting: VotingResults | None = None
    survey: SurveyResults | None = None
    scenarios: ScenarioResults | None = None


class CountRow(BaseModel):
    key: str | None
    count: int


class ParticipantsDay(BaseModel):
    day: date
    participants: int
    cumulative: int


class ProjectResults(BaseModel):
    inputs: int
    by_topic: list[CountRow]
    by_area: list[CountRow]
    by_status: list[CountRow]
    participants_over_time: list[ParticipantsDay]
