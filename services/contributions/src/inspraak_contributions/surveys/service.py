"""Rules for surveys and polls: answers checked against the questions, submitted once."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.columns import utcnow
from inspraak_contributions.projects import service as projects
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.projects.models import Phase
from inspraak_contributions.projects.schemas import PhaseKind, SurveyQuestion, SurveyQuestionType
from inspraak_contributions.surveys import repository
from inspraak_contributions.surveys.events import survey_submitted
from inspraak_contributions.surveys.models import SurveyResponse
from inspraak_contributions.surveys.schemas import ResponseRead, ResponseStatus
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Conflict, UnprocessableContent

SURVEY_PHASES = (PhaseKind.SURVEY, PhaseKind.POLL)
SCALE = range(1, 6)
MAX_TEXT = 5000


def questions_of(phase: Phase) -> list[SurveyQuestion]:
    return [SurveyQuestion.model_validate(q) for q in phase.survey_questions]


def _invalid(question_id: str, why: str) -> UnprocessableContent:
    return UnprocessableContent(
        f"The answer to question {question_id} is not valid: {why}.",
        slug="invalid-answer",
        extensions={"question_id": question_id},
    )


def _check_answer(question: SurveyQuestion, value: Any) -> None:
    qid, options = question.question_id, set(question.options)
    match question.type:
        case SurveyQuestionType.SINGLE_CHOICE:
            if not isinstance(value, str) or value not in options:
                raise _invalid(qid, "choose one of the options")
        case SurveyQuestionType.MULTIPLE_CHOICE:
            if not isinstance(value, list) or not value or len(set(value)) != len(value):
                raise _invalid(qid, "choose one or more different options")
            if not set(value) <= options:
                raise _invalid(qid, "choose among the options")
        case SurveyQuestionType.RANKING:
            if not isinstance(value, list) or sorted(value) != sorted(options):
                raise _invalid(qid, "rank every option once")
        case SurveyQuestionType.SCALE:
            if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
                raise _invalid(qid, "give a number from 1 to 5")
        case SurveyQuestionType.TEXT:
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise _invalid(qid, f"give a text of at most {MAX_TEXT} characters")
        case SurveyQuestionType.MATRIX:
            if not isinstance(value, dict) or set(value) != set(question.rows):
                raise _invalid(qid, "answer every row")
            if not set(value.values()) <= options:
                raise _invalid(qid, "choose among the options in every row")


def validate(phase: Phase, answers: dict[str, Any], *, complete: bool) -> dict[str, Any]:
    """Check each answer; a complete response also answers every required question."""
    questions = {q.question_id: q for q in questions_of(phase)}
    for question_id, value in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise _invalid(question_id, "there is no such question")
        _check_answer(question, value)
    if complete:
        missing = [
            q.question_id
            for q in questions.values()
            if q.required and _is_blank(answers.get(q.question_id))
        ]
        if missing:
            raise UnprocessableContent(
                f"Required questions are not answered: {', '.join(missing)}.",
                slug="required-answers-missing",
                extensions={"question_ids": missing},
            )
    return {k: v for k, v in answers.items() if not _is_blank(v)}


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


async def _open_survey(session: AsyncSession, access: ProjectAccess, phase_id: str) -> Phase:
    phase = await projects.get_phase(session, access.project, phase_id)
    projects.ensure_accepting(access.project, phase, SURVEY_PHASES, access.user)
    if not phase.survey_questions:
        raise Conflict("This survey has no questions yet.", slug="survey-not-available")
    return phase


async def _locked_draft(
    session: AsyncSession, access: ProjectAccess, phase_id: str
) -> SurveyResponse:
    row = await repository.lock_response(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        user_id=access.user.user_id,
    )
    if row.status == ResponseStatus.SUBMITTED:
        raise problems.already_submitted()
    return row


async def save_draft(
    session: AsyncSession, access: ProjectAccess, phase_id: str, answers: dict[str, Any]
) -> ResponseRead:
    phase = await _open_survey(session, access, phase_id)
    clean = validate(phase, answers, complete=False)
    row = await _locked_draft(session, access, phase_id)
    row.answers = clean
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    return to_read(phase_id, row)


async def submit(
    session: AsyncSession,
    access: ProjectAccess,
    phase_id: str,
    answers: dict[str, Any] | None,
) -> ResponseRead:
    phase = await _open_survey(session, access, phase_id)
    row = await _locked_draft(session, access, phase_id)
    row.answers = validate(phase, row.answers if answers is None else answers, complete=True)
    row.status = ResponseStatus.SUBMITTED.value
    row.submitted_at = row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    enqueue(
        session,
        survey_submitted(
            tenant=access.tenant,
            project_id=access.project.project_id,
            phase_id=phase_id,
            survey_id=phase.survey_id,
            responses=await repository.count_submitted(
                session, access.tenant, access.project.project_id, phase_id
            ),
        ),
    )
    return to_read(phase_id, row)


async def mine(session: AsyncSession, access: ProjectAccess, phase_id: str) -> ResponseRead:
    phase = await projects.get_phase(session, access.project, phase_id)
    if phase.kind not in {k.value for k in SURVEY_PHASES}:
        raise problems.wrong_phase_method("survey / poll")
    row = await repository.find(
        session, access.tenant, access.project.project_id, phase_id, access.user.user_id
    )
    return to_read(phase_id, row)


def to_read(phase_id: str, row: SurveyResponse | None) -> ResponseRead:
    if row is None:
        return ResponseRead(
            phase_id=phase_id,
            status=ResponseStatus.DRAFT,
            answers={},
            updated_at=None,
            submitted_at=None,
        )
    return ResponseRead(
        phase_id=phase_id,
        status=ResponseStatus(row.status),
        answers=row.answers,
        updated_at=row.updated_at,
        submitted_at=row.submitted_at,
    )
