"""HTTP: the team overview, the role catalogue and the onboarding checklist."""

from fastapi import APIRouter

from inspraak_identity.dependencies import ActiveTenant, Users
from inspraak_identity.roles.auth import StaffManager
from inspraak_identity.team import service
from inspraak_identity.team.schemas import Checklist, ChecklistTick, RoleProfileRead, TeamOverview
from inspraak_shared.auth import CurrentPrincipal
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1", tags=["team"])


@router.get(
    "/team",
    summary="Who is who, who does what (a department head: their department's people)",
)
async def team_overview(
    actor: StaffManager, tenant: ActiveTenant, session: DbSession, users: Users
) -> TeamOverview:
    return await service.overview(session, users, actor)


@router.get("/team/roles", summary="Every role's task package, workload and checklist")
async def role_catalogue(
    principal: CurrentPrincipal, tenant: ActiveTenant
) -> list[RoleProfileRead]:
    return service.role_profiles()


@router.get("/me/onboarding", summary="Your onboarding checklist")
async def my_checklist(
    principal: CurrentPrincipal, tenant: ActiveTenant, session: DbSession
) -> Checklist:
    return await service.checklist(session, principal)


@router.put("/me/onboarding/{item_key}", summary="Tick an item of your checklist off (or on again)")
async def tick_item(
    item_key: str,
    body: ChecklistTick,
    principal: CurrentPrincipal,
    tenant: ActiveTenant,
    session: DbSession,
) -> Checklist:
    return await service.tick(session, principal, item_key, body.done)
