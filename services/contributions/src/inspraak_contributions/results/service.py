"""Result figures per phase and per project, computed from the counted rows."""

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import utcnow
from inspraak_contributions.comments import repository as comments_repository
from inspraak_contributions.inputs import repository as inputs_repository
from inspraak_contributions.inputs.models import Input
from inspraak_contributions.projects import service as projects
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.projects.models import Phase
from inspraak_contributions.projects.schemas import (
    BudgetItemSnapshot,
    PhaseKind,
    ResultsVisibility,
    SurveyQuestionType,
    VotingMethod,
)
from inspraak_contributions.reactions import repository as reactions_repository
from inspraak_contributions.results.schemas import (
    CountRow,
    OptionCount,
    ParticipantsDay,
    PhaseResults,
    ProjectResults,
    QuestionSummary,
    ScenarioResults,
    ScenarioRow,
    SurveyResults,
    TallyRow,
    VotingResults,
)
from inspraak_contributions.scenarios import repository as scenarios_repository
from inspraak_contributions.surveys import repository as surveys_repository
from inspraak_contributions.surveys.service import questions_of
from inspraak_contributions.votes import repository as votes_repository
from inspraak_contributions.votes.service import budget_items
from inspraak_shared.problems import Forbidden


def percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def results_public(phase: Phase) -> bool:
    """What the phase's `results_visibility` allows everyone who sees the project to read."""
    now = utcnow()
    if phase.results_visibility == ResultsVisibility.DURING:
        return phase.starts_at is not None and phase.starts_at <= now
    if phase.results_visibility == ResultsVisibility.AFTER:
        return phase.ends_at is not None and phase.ends_at <= now
    return False


async def phase_results(
    session: AsyncSession, access: ProjectAccess, phase_id: str
) -> PhaseResults:
    phase = await projects.get_phase(session, access.project, phase_id)
    if not (access.can_read_results or results_public(phase)):
        access.user  # noqa: B018 - 401 before 403 for an anonymous caller
        raise Forbidden("The results of this phase are not public.", slug="results-not-public")
    result = PhaseResults(phase_id=phase.phase_id, kind=phase.kind)
    if phase.kind in (PhaseKind.IDEATION, PhaseKind.SPATIAL_PLAN):
        rows = await inputs_repository.list_for_project(
            session, access.tenant, access.project.project_id, phase_id=phase_id
        )
        result.inputs = sum(1 for r in rows if not r.hidden)
    elif phase.kind == PhaseKind.VOTING:
        result.voting = await voting_results(session, access, phase)
    elif phase.kind in (PhaseKind.SURVEY, PhaseKind.POLL):
        result.survey = await survey_results(session, access.tenant, phase)
    elif phase.kind == PhaseKind.SCENARIO_PLANNING:
        result.scenarios = await scenario_results(session, access.tenant, phase)
    return result


async def voting_results(
    session: AsyncSession, access: ProjectAccess, phase: Phase
) -> VotingResults:
    tallies = await votes_repository.tallies(
        session, access.tenant, phase.project_id, phase.phase_id
    )
    offered = budget_items(phase)
    rows = _item_rows(tallies, offered) if offered else await _input_rows(session, access, tallies)
    results = VotingResults(
        method=phase.voting_method or "",
        voters=await votes_repository.voters(
            session, access.tenant, phase.project_id, phase.phase_id
        ),
        total_votes=sum(r.votes for r in rows),
        tallies=rows,
    )
    if phase.voting_method == VotingMethod.BUDGET:
        _allocate(results, phase)
        results.baskets_submitted = await votes_repository.submitted_baskets(
            session, access.tenant, phase.project_id, phase.phase_id
        )
    return results


def _item_rows(tallies: dict[str, int], offered: dict[str, BudgetItemSnapshot]) -> list[TallyRow]:
    total = sum(tallies.get(i, 0) for i in offered)
    ordered = sorted(
        offered.values(), key=lambda i: (-tallies.get(i.item_id, 0), i.cost, i.item_id)
    )
    return [
        TallyRow(
            input_id=i.item_id,
            title=i.title,
            votes=tallies.get(i.item_id, 0),
            share_percent=percent(tallies.get(i.item_id, 0), total),
            cost=i.cost,
        )
        for i in ordered
    ]


async def _input_rows(
    session: AsyncSession, access: ProjectAccess, tallies: dict[str, int]
) -> list[TallyRow]:
    inputs = await inputs_repository.list_for_project(
        session, access.tenant, access.project.project_id
    )
    ordered = sorted(
        (i for i in inputs if i.input_id in tallies or _votable(i)),
        key=lambda i: (-tallies.get(i.input_id, 0), i.cost or Decimal(0), i.title, i.input_id),
    )
    # Votes for an input its author deleted in the grace period are neither shown nor shared.
    total = sum(tallies.get(i.input_id, 0) for i in ordered)
    return [
        TallyRow(
            input_id=i.input_id,
            title=i.title,
            votes=tallies.get(i.input_id, 0),
            share_percent=percent(tallies.get(i.input_id, 0), total),
            cost=i.cost,
        )
        for i in ordered
    ]


def _votable(row: Input) -> bool:
    return not row.hidden and row.status != "rejected"


def _allocate(results: VotingResults, phase: Phase) -> None:
    """Fund the most-voted items first while the budget lasts; skip what no longer fits."""
    remaining = phase.budget if phase.budget is not None else Decimal(0)
    allocated = Decimal(0)
    for row in results.tallies:
        cost = row.cost if row.cost is not None else None
        row.funded = cost is not None and row.votes > 0 and cost <= remaining
        if row.funded and cost is not None:
            remaining -= cost
            allocated += cost
    results.budget = phase.budget
    results.currency = phase.currency
    results.allocated = allocated


async def survey_results(session: AsyncSession, tenant: str, phase: Phase) -> SurveyResults:
    responses = await surveys_repository.submitted(
        session, tenant, phase.project_id, phase.phase_id
    )
    answers = [r.answers for r in responses]
    return SurveyResults(
        respondents=len(answers),
        questions=[_summarise(q, answers) for q in questions_of(phase)],
    )


def _summarise(question: Any, answers: list[dict[str, Any]]) -> QuestionSummary:
    given = [a[question.question_id] for a in answers if question.question_id in a]
    summary = QuestionSummary(
        question_id=question.question_id,
        type=question.type.value,
        text=question.text,
        answered=len(given),
        options=[],
    )
    match question.type:
        case SurveyQuestionType.TEXT:
            summary.free_text = [str(v) for v in given]
        case SurveyQuestionType.SCALE:
            counts = Counter(int(v) for v in given)
            summary.options = [
                OptionCount(
                    option_id=str(n), count=counts[n], percent=percent(counts[n], len(given))
                )
                for n in range(1, 6)
            ]
            summary.average = round(sum(counts.elements()) / len(given), 2) if given else None
        case SurveyQuestionType.RANKING:
            positions: dict[str, list[int]] = {o: [] for o in question.options}
            for ranking in given:
                for position, option in enumerate(ranking, start=1):
                    positions.setdefault(option, []).append(position)
            summary.options = [
                OptionCount(
                    option_id=o,
                    count=sum(1 for r in given if r and r[0] == o),
                    percent=percent(sum(1 for r in given if r and r[0] == o), len(given)),
                    average_rank=round(sum(p) / len(p), 2) if p else None,
                )
                for o, p in positions.items()
            ]
        case SurveyQuestionType.MATRIX:
            summary.rows = {
                row: [
                    OptionCount(
                        option_id=o,
                        count=sum(1 for v in given if v.get(row) == o),
                        percent=percent(sum(1 for v in given if v.get(row) == o), len(given)),
                    )
                    for o in question.options
                ]
                for row in question.rows
            }
        case _:
            chosen = Counter(
                option for v in given for option in (v if isinstance(v, list) else [v])
            )
            summary.options = [
                OptionCount(option_id=o, count=chosen[o], percent=percent(chosen[o], len(given)))
                for o in question.options
            ]
    return summary


async def scenario_results(session: AsyncSession, tenant: str, phase: Phase) -> ScenarioResults:
    rankings = await scenarios_repository.all_for_phase(
        session, tenant, phase.project_id, phase.phase_id
    )
    rows = []
    for scenario in phase.scenarios:
        sid = str(scenario["scenario_id"])
        positions = [r.index(sid) + 1 for r in rankings if sid in r]
        firsts = sum(1 for r in rankings if r and r[0] == sid)
        rows.append(
            ScenarioRow(
                scenario_id=sid,
                title=scenario.get("title") or {},
                average_rank=round(sum(positions) / len(positions), 2) if positions else None,
                first_choices=firsts,
                first_choice_share_percent=percent(firsts, len(rankings)),
            )
        )
    rows.sort(key=lambda r: (r.average_rank is None, r.average_rank or 0, r.scenario_id))
    return ScenarioResults(rankings=len(rankings), scenarios=rows)


async def project_results(session: AsyncSession, access: ProjectAccess) -> ProjectResults:
    tenant, project_id = access.tenant, access.project.project_id

    async def counted(column: str) -> list[CountRow]:
        rows = await inputs_repository.counts_by(session, tenant, project_id, column)
        return [CountRow(key=k, count=n) for k, n in rows]

    by_status = await counted("status")
    return ProjectResults(
        inputs=sum(r.count for r in by_status),
        by_topic=await counted("topic_id"),
        by_area=await counted("area_id"),
        by_status=by_status,
        participants_over_time=await participants_over_time(session, tenant, project_id),
    )


async def participants_over_time(
    session: AsyncSession, tenant: str, project_id: str
) -> list[ParticipantsDay]:
    """Distinct people who posted, commented, reacted, voted, answered or ranked, per day.

    An erased person still counts through the stand-in id of their votes, reactions,
    answers and rankings; inputs and comments no longer name anyone.
    """
    per_day: dict[str, set[str]] = {}
    for source in (
        inputs_repository.contributors_by_day,
        comments_repository.contributors_by_day,
        reactions_repository.contributors_by_day,
        votes_repository.contributors_by_day,
        surveys_repository.contributors_by_day,
        scenarios_repository.contributors_by_day,
    ):
        for day, user_id in await source(session, tenant, project_id):
            if user_id is not None:
                per_day.setdefault(day, set()).add(user_id)
    seen: set[str] = set()
    days = []
    for day in sorted(per_day):
        seen |= per_day[day]
        days.append(
            ParticipantsDay(
                day=date.fromisoformat(day), participants=len(per_day[day]), cumulative=len(seen)
            )
        )
    return days
