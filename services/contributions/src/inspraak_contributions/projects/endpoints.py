"""What residents need to know about a project's phases here: which are open, and their rules."""

from fastapi import APIRouter

from inspraak_contributions.projects import service
from inspraak_contributions.projects.auth import ProjectViewer
from inspraak_contributions.projects.schemas import PhaseRead
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/projects/{project_id}", tags=["phases"])


@router.get("/phases", summary="The project's phases as this service knows them")
async def list_phases(access: ProjectViewer, session: DbSession) -> list[PhaseRead]:
    phases = await service.list_phases(session, access.project)
    return [
        PhaseRead(
            phase_id=p.phase_id,
            kind=p.kind,
            title=p.title,
            starts_at=p.starts_at,
            ends_at=p.ends_at,
            is_open=service.is_open(p),
            voting_method=p.voting_method,
            max_votes=p.max_votes,
            budget=p.budget,
            currency=p.currency,
            budget_items=p.budget_items,
            results_visibility=p.results_visibility,
        )
        for p in phases
    ]
