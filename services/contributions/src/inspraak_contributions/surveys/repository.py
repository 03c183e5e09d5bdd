"""All SQL of survey responses."""

from sqlalchemy import delete, func, update
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.columns import new_id, utcnow
from inspraak_contributions.surveys.models import SurveyResponse


async def lock_response(
    session: AsyncSession, *, tenant: str, project_id: str, phase_id: str, user_id: str
) -> SurveyResponse:
    """The person's response, created as an empty draft if needed, locked until commit."""
    now = utcnow()
    await session.exec(
        insert(SurveyResponse)
        .values(
            response_id=new_id(),
            tenant=tenant,
            project_id=project_id,
            phase_id=phase_id,
            respondent_user_id=user_id,
            answers={},
            status="draft",
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(constraint="uq_survey_response_once")
    )
    query = (
        select(SurveyResponse)
        .where(
            col(SurveyResponse.tenant) == tenant,
            col(SurveyResponse.project_id) == project_id,
            col(SurveyResponse.phase_id) == phase_id,
            col(SurveyResponse.respondent_user_id) == user_id,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await session.exec(query)).one()


async def find(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str, user_id: str
) -> SurveyResponse | None:
    query = select(SurveyResponse).where(
        col(SurveyResponse.tenant) == tenant,
        col(SurveyResponse.project_id) == project_id,
        col(SurveyResponse.phase_id) == phase_id,
        col(SurveyResponse.respondent_user_id) == user_id,
    )
    return (await session.exec(query)).first()


async def submitted(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> list[SurveyResponse]:
    query = (
        select(SurveyResponse)
        .where(
            col(SurveyResponse.tenant) == tenant,
            col(SurveyResponse.project_id) == project_id,
            col(SurveyResponse.phase_id) == phase_id,
            col(SurveyResponse.status) == "submitted",
        )
        .order_by(col(SurveyResponse.submitted_at), col(SurveyResponse.response_id))
    )
    return list((await session.exec(query)).all())


async def count_submitted(
    session: AsyncSession, tenant: str, project_id: str, phase_id: str
) -> int:
    query = select(func.count()).where(
        col(SurveyResponse.tenant) == tenant,
        col(SurveyResponse.project_id) == project_id,
        col(SurveyResponse.phase_id) == phase_id,
        col(SurveyResponse.status) == "submitted",
    )
    return int((await session.exec(query)).one())


async def contributors_by_day(
    session: AsyncSession, tenant: str, project_id: str
) -> list[tuple[str, str | None]]:
    day = func.to_char(func.timezone("UTC", col(SurveyResponse.submitted_at)), "YYYY-MM-DD")
    query = select(day, col(SurveyResponse.respondent_user_id)).where(
        col(SurveyResponse.tenant) == tenant,
        col(SurveyResponse.project_id) == project_id,
        col(SurveyResponse.status) == "submitted",
    )
    return [(d, u) for d, u in (await session.exec(query)).all()]


async def forget_respondent(
    session: AsyncSession, tenant: str, user_id: str, stand_in: str
) -> None:
    """Drafts are the person's own notes and go; submitted answers stay, under `stand_in`."""
    await session.exec(
        delete(SurveyResponse).where(
            col(SurveyResponse.tenant) == tenant,
            col(SurveyResponse.respondent_user_id) == user_id,
            col(SurveyResponse.status) == "draft",
        )
    )
    await session.exec(
        update(SurveyResponse)
        .where(
            col(SurveyResponse.tenant) == tenant,
            col(SurveyResponse.respondent_user_id) == user_id,
        )
        .values(respondent_user_id=stand_in)
    )
