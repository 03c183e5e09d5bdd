"""Ranking the scenarios of a scenario planning phase."""

from typing import Annotated

from fastapi import APIRouter, Path

from inspraak_contributions.scenarios import service
from inspraak_contributions.scenarios.auth import Ranker
from inspraak_contributions.scenarios.schemas import RankingIn, RankingRead
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}/phases/{phase_id}", tags=["scenarios"])
Id = Annotated[str, Path(max_length=64)]


@router.get("/scenario-ranking", summary="Your ranking of the scenarios")
async def my_ranking(phase_id: Id, access: Ranker, session: DbSession) -> RankingRead:
    return await service.mine(session, access, phase_id)


@router.put("/scenario-ranking", summary="Rank the scenarios, most preferred first")
async def rank(phase_id: Id, payload: RankingIn, access: Ranker, session: DbSession) -> RankingRead:
    return await service.rank(session, access, phase_id, payload.ranking)
