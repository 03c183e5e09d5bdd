"""Exports per project and phase as CSV or XLSX, built from the same figures as the results.

Author usernames are personal data: they are in the export only for the project's
moderators, its department's heads and superadmins. Who voted is never exported.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.comments import repository as comments_repository
from inspraak_contributions.inputs import repository as inputs_repository
from inspraak_contributions.inputs import service as inputs
from inspraak_contributions.projects import service as projects
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.projects.schemas import PhaseKind
from inspraak_contributions.results import service as results
from inspraak_contributions.scenarios import repository as scenarios_repository
from inspraak_contributions.surveys import repository as surveys_repository
from inspraak_contributions.surveys.service import questions_of
from inspraak_shared.problems import UnprocessableContent

_TAGS = re.compile(r"<[^>]+>")
# A cell starting with one of these is a formula to a spreadsheet: defuse it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Dataset(StrEnum):
    INPUTS = "inputs"
    COMMENTS = "comments"
    VOTES = "votes"
    SURVEY_ANSWERS = "survey_answers"
    SCENARIO_RANKINGS = "scenario_rankings"


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


Table = tuple[list[str], list[list[Any]]]


def _plain(html: str) -> str:
    return " ".join(_TAGS.sub(" ", html).split())


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        value = "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, (int, float)):
        return value
    return str(value)


async def build(
    session: AsyncSession, access: ProjectAccess, dataset: Dataset, phase_id: str | None
) -> Table:
    personal = access.can_moderate
    if phase_id is not None:
        await projects.get_phase(session, access.project, phase_id)
    match dataset:
        case Dataset.INPUTS:
            return await _inputs(session, access, phase_id, personal)
        case Dataset.COMMENTS:
            return await _comments(session, access, phase_id, personal)
        case Dataset.VOTES:
            return await _votes(session, access, phase_id)
        case Dataset.SURVEY_ANSWERS:
            return await _survey_answers(session, access, phase_id)
        case Dataset.SCENARIO_RANKINGS:
            return await _scenario_rankings(session, access, phase_id)


async def _inputs(
    session: AsyncSession, access: ProjectAccess, phase_id: str | None, personal: bool
) -> Table:
    rows = await inputs_repository.list_for_project(
        session, access.tenant, access.project.project_id, phase_id=phase_id
    )
    counts = await inputs.counts_for(session, access.tenant, [r.input_id for r in rows])
    header = ["input_id", "phase_id", "created_at", "title", "text", "topic_id", "area_id"]
    header += ["status", "official_response", "hidden", "comments", "up", "down", "votes", "cost"]
    if personal:
        header.append("author_username")
    table = []
    for r in rows:
        c = counts[r.input_id]
        line = [r.input_id, r.phase_id, r.created_at.isoformat(), r.title, _plain(r.body)]
        line += [r.topic_id, r.area_id, r.status, r.official_response, r.hidden]
        line += [c.comments, c.up, c.down, c.votes, r.cost]
        if personal:
            line.append(r.author_username if not r.author_erased else "former participant")
        table.append(line)
    return header, table


async def _comments(
    session: AsyncSession, access: ProjectAccess, phase_id: str | None, personal: bool
) -> Table:
    rows = await comments_repository.list_for_project(
        session, access.tenant, access.project.project_id
    )
    if phase_id is not None:
        in_phase = {
            i.input_id
            for i in await inputs_repository.list_for_project(
                session, access.tenant, access.project.project_id, phase_id=phase_id
            )
        }
        rows = [r for r in rows if r.input_id in in_phase]
    header = ["comment_id", "input_id", "parent_comment_id", "created_at", "official", "hidden"]
    header.append("text")
    if personal:
        header.append("author_username")
    table = []
    for r in rows:
        if r.deleted_at is not None:
            continue
        line = [r.comment_id, r.input_id, r.parent_comment_id, r.created_at.isoformat()]
        line += [r.official, r.hidden, r.body]
        if personal:
            line.append(r.author_username if not r.author_erased else "former participant")
        table.append(line)
    return header, table


async def _votes(session: AsyncSession, access: ProjectAccess, phase_id: str | None) -> Table:
    phases = await projects.list_phases(session, access.project)
    header = ["phase_id", "method", "input_id", "title", "votes", "share_percent", "cost", "funded"]
    table = []
    for phase in phases:
        if phase.kind != PhaseKind.VOTING or (phase_id is not None and phase.phase_id != phase_id):
            continue
        figures = await results.voting_results(session, access, phase)
        for t in figures.tallies:
            line = [phase.phase_id, figures.method, t.input_id, t.title, t.votes]
            table.append([*line, t.share_percent, t.cost, t.funded])
    return header, table


async def _survey_answers(
    session: AsyncSession, access: ProjectAccess, phase_id: str | None
) -> Table:
    if phase_id is None:
        raise UnprocessableContent(
            "Survey answers are exported per phase: give phase_id.", slug="phase-required"
        )
    phase = await projects.get_phase(session, access.project, phase_id)
    if phase.kind not in (PhaseKind.SURVEY, PhaseKind.POLL):
        raise problems.wrong_phase_method("survey / poll")
    questions = questions_of(phase)
    responses = await surveys_repository.submitted(
        session, access.tenant, access.project.project_id, phase_id
    )
    header = ["response", "submitted_at"] + [q.question_id for q in questions]
    table = [
        [n, r.submitted_at.isoformat() if r.submitted_at else None]
        + [r.answers.get(q.question_id) for q in questions]
        for n, r in enumerate(responses, start=1)
    ]
    return header, table


async def _scenario_rankings(
    session: AsyncSession, access: ProjectAccess, phase_id: str | None
) -> Table:
    """One row per ranked scenario. The participant is a number per phase, in the order the
    rankings were first made, like a survey's `response`: never who ranked."""
    if phase_id is not None:
        chosen = await projects.get_phase(session, access.project, phase_id)
        if chosen.kind != PhaseKind.SCENARIO_PLANNING:
            raise problems.wrong_phase_method("scenario_planning")
    phases = await projects.list_phases(session, access.project)
    header = ["phase_id", "participant", "ranked_at", "rank", "scenario_id", "scenario_title"]
    table: list[list[Any]] = []
    for phase in phases:
        if phase.kind != PhaseKind.SCENARIO_PLANNING or (
            phase_id is not None and phase.phase_id != phase_id
        ):
            continue
        titles = {str(s["scenario_id"]): s.get("title") for s in phase.scenarios}
        rankings = await scenarios_repository.rankings_for_export(
            session, access.tenant, access.project.project_id, phase.phase_id
        )
        for participant, ranking in enumerate(rankings, start=1):
            for position, scenario_id in enumerate(ranking.ranking, start=1):
                line = [phase.phase_id, participant, ranking.updated_at.isoformat(), position]
                table.append([*line, scenario_id, titles.get(scenario_id)])
    return header, table


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
