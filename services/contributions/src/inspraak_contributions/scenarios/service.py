"""Rules for scenario planning: rank every scenario once; change it until the phase ends."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.projects import service as projects
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.projects.models import Phase
from inspraak_contributions.projects.schemas import PhaseKind
from inspraak_contributions.scenarios import repository
from inspraak_contributions.scenarios.events import scenario_ranked
from inspraak_contributions.scenarios.schemas import RankingRead
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Conflict, UnprocessableContent


def scenario_ids(phase: Phase) -> list[str]:
    return [str(s["scenario_id"]) for s in phase.scenarios]


async def rank(
    session: AsyncSession, access: ProjectAccess, phase_id: str, ranking: list[str]
) -> RankingRead:
    user = access.user
    phase = await projects.get_phase(session, access.project, phase_id)
    projects.ensure_accepting(access.project, phase, (PhaseKind.SCENARIO_PLANNING,), access.user)
    known = scenario_ids(phase)
    if not known:
        raise Conflict("This phase has no scenarios yet.", slug="scenarios-not-available")
    if sorted(ranking) != sorted(known):
        raise UnprocessableContent(
            "Rank every scenario of the phase exactly once.",
            slug="invalid-ranking",
            extensions={"scenario_ids": known},
        )
    await repository.upsert(
        session,
        tenant=access.tenant,
        project_id=access.project.project_id,
        phase_id=phase_id,
        user_id=user.user_id,
        ranking=ranking,
    )
    enqueue(
        session,
        scenario_ranked(
            tenant=access.tenant,
            project_id=access.project.project_id,
            phase_id=phase_id,
            rankings=await repository.count(
                session, access.tenant, access.project.project_id, phase_id
            ),
        ),
    )
    return await mine(session, access, phase_id)


async def mine(session: AsyncSession, access: ProjectAccess, phase_id: str) -> RankingRead:
    phase = await projects.get_phase(session, access.project, phase_id)
    if phase.kind != PhaseKind.SCENARIO_PLANNING:
        raise problems.wrong_phase_method(PhaseKind.SCENARIO_PLANNING.value)
    row = await repository.find(
        session, access.tenant, access.project.project_id, phase_id, access.user.user_id
    )
    return RankingRead(
        phase_id=phase_id,
        ranking=row.ranking if row else [],
        updated_at=row.updated_at if row else None,
    )
