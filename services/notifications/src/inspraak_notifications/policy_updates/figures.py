"""The figures of a period, from this service's own read models (no calls to other services).

Participants are the distinct people who wrote an input or a comment in the period;
votes, agree/disagree reactions, survey answers and scenario rankings arrive as anonymous
running totals, so they count in the period but are not people. Every figure is compared
with the period before.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.activity import repository as facts
from inspraak_notifications.i18n import parse_time
from inspraak_notifications.policy_updates.periods import Period
from inspraak_notifications.projects import service as projects
from inspraak_notifications.projects.models import ProjectView

PROJECT_METRICS = (
    "participants",
    "inputs",
    "comments",
    "reactions",
    "votes",
    "survey_answers",
    "scenario_rankings",
)
METRICS = ("participants", "registrations", *PROJECT_METRICS[1:])
# The running totals behind the counted metrics: tally kind per metric.
TALLIES = {
    "reactions": "reactions",
    "votes": "votes",
    "survey_answers": "survey",
    "scenario_rankings": "rankings",
}
OUTCOMES = ("accepted", "rejected", "implemented", "under_consideration")
BIGGEST_CHANGES = 3
WEEK = timedelta(days=7)

Row = tuple[str, str, str | None, datetime]


@dataclass
class _Tally:
    inputs: Counter[str] = field(default_factory=Counter)
    comments: Counter[str] = field(default_factory=Counter)
    tallies: dict[str, Counter[str]] = field(default_factory=dict)  # metric -> per project
    people: dict[str, set[str]] = field(default_factory=dict)
    everyone: set[str] = field(default_factory=set)
    registrations: int = 0

    def _counted(self, metric: str) -> Counter[str]:
        if metric == "inputs":
            return self.inputs
        if metric == "comments":
            return self.comments
        return self.tallies.get(metric, Counter())

    def totals(self) -> dict[str, int]:
        counted = {m: sum(self._counted(m).values()) for m in PROJECT_METRICS[1:]}
        return {"participants": len(self.everyone), "registrations": self.registrations, **counted}

    def of_project(self, project_id: str) -> dict[str, int]:
        counted = {m: self._counted(m)[project_id] for m in PROJECT_METRICS[1:]}
        return {"participants": len(self.people.get(project_id, ())), **counted}

    def projects(self) -> set[str]:
        return {p for m in PROJECT_METRICS[1:] for p in self._counted(m)}


def _people(rows: Iterable[Row], start: datetime, end: datetime) -> set[str]:
    return {author for _, _, author, at in rows if author and start <= at < end}


async def _net_change(
    session: AsyncSession, tenant: str, kind: str, start: datetime, end: datetime
) -> Counter[str]:
    """Per project, the running totals' change over [start, end) (a withdrawn vote counts -1)."""
    before = await facts.tally_totals(session, tenant, kind, start)
    after = await facts.tally_totals(session, tenant, kind, end)
    return Counter({p: after[p] - before[p] for p in set(before) | set(after)})


async def _tally(
    session: AsyncSession, tenant: str, rows: list[Row], start: datetime, end: datetime
) -> _Tally:
    tally = _Tally()
    for kind, project_id, author, at in rows:
        if not start <= at < end:
            continue
        (tally.inputs if kind == "input" else tally.comments)[project_id] += 1
        if author:
            tally.people.setdefault(project_id, set()).add(author)
            tally.everyone.add(author)
    tally.registrations = await facts.registrations_between(session, tenant, start, end)
    for metric, kind in TALLIES.items():
        tally.tallies[metric] = await _net_change(session, tenant, kind, start, end)
    return tally


def _weeks(rows: list[Row], period: Period, previous: Period) -> list[dict[str, Any]]:
    """Participants per week of the previous and the current period (the chart's bars)."""
    weeks = []
    for span, current in ((previous, False), (period, True)):
        start = span.start
        while start < span.end:
            end = min(start + WEEK, span.end)
            weeks.append(
                {
                    "start": start.isoformat(),
                    "participants": len(_people(rows, start, end)),
                    "current": current,
                }
            )
            start = end
    return weeks


def _changes(current: dict[str, int], previous: dict[str, int]) -> list[dict[str, Any]]:
    moved = [
        {"metric": m, "current": current[m], "previous": previous[m]}
        for m in METRICS
        if current[m] != previous[m]
    ]
    moved.sort(key=lambda c: (-abs(c["current"] - c["previous"]), METRICS.index(c["metric"])))
    return moved[:BIGGEST_CHANGES]


def _ended_in(project: ProjectView, start: datetime, end: datetime) -> bool:
    if project.archived_at is not None:
        return start <= project.archived_at < end
    ends = [parse_time(p.get("ends_at")) for p in project.phases]
    if not ends or any(e is None for e in ends):
        return False
    last = max(e for e in ends if e is not None)
    return start <= last < end


def _summary(project: ProjectView) -> dict[str, Any]:
    return {"project_id": project.project_id, "title": project.title}


async def compute(session: AsyncSession, tenant: str, period: Period) -> dict[str, Any]:
    previous = period.previous
    rows = await facts.contributions_between(session, tenant, previous.start, period.end)
    current_tally = await _tally(session, tenant, rows, period.start, period.end)
    previous_tally = await _tally(session, tenant, rows, previous.start, previous.end)
    known = {p.project_id: p for p in await projects.all_projects(session, tenant)}
    outcomes = await _outcomes(session, tenant, period, known)
    totals, previous_totals = current_tally.totals(), previous_tally.totals()
    return {
        "period": {
            "index": period.index,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "previous_period": {"start": previous.start.isoformat(), "end": previous.end.isoformat()},
        "totals": totals,
        "previous_totals": previous_totals,
        "changes": _changes(totals, previous_totals),
        "projects": [
            {
                "project_id": project_id,
                "title": known[project_id].title if project_id in known else {},
                **current_tally.of_project(project_id),
            }
            for project_id in sorted(current_tally.projects(), key=lambda p: _title_key(known, p))
        ],
        "started": [
            _summary(p)
            for p in known.values()
            if p.published_at is not None and period.start <= p.published_at < period.end
        ],
        "ended": [_summary(p) for p in known.values() if _ended_in(p, period.start, period.end)],
        "outcomes": outcomes,
        "weeks": _weeks(rows, period, previous),
    }


def _title_key(known: dict[str, ProjectView], project_id: str) -> str:
    project = known.get(project_id)
    return (next(iter(project.title.values()), "") if project else "") + project_id


async def _outcomes(
    session: AsyncSession, tenant: str, period: Period, known: dict[str, ProjectView]
) -> list[dict[str, Any]]:
    """Per project: inputs accepted, rejected, implemented, taken up, and official responses."""
    counts: dict[str, Counter[str]] = {}
    for project_id, kind, status in await facts.outcomes_between(
        session, tenant, period.start, period.end
    ):
        bucket = counts.setdefault(project_id, Counter())
        bucket["responses" if kind == "response" else status] += 1
    return [
        {
            "project_id": project_id,
            "title": known[project_id].title if project_id in known else {},
            "input_use": known[project_id].input_use if project_id in known else {},
            **{key: bucket[key] for key in (*OUTCOMES, "responses")},
        }
        for project_id, bucket in sorted(counts.items(), key=lambda i: _title_key(known, i[0]))
    ]
