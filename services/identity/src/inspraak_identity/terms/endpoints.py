"""HTTP: the terms of use, and accepting them."""

from fastapi import APIRouter, status

from inspraak_identity.dependencies import ActiveTenant, Users
from inspraak_identity.roles import service as roles
from inspraak_identity.roles.auth import Superadmin
from inspraak_identity.terms import service
from inspraak_identity.terms.schemas import (
    TermsAcceptanceCreate,
    TermsAcceptanceRead,
    TermsRead,
    TermsUpdate,
)
from inspraak_shared.auth import CurrentPrincipal
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1", tags=["terms"])


@router.get("/terms", summary="The current terms of use for external moderators")
async def current_terms(tenant: ActiveTenant, session: DbSession) -> TermsRead:
    return TermsRead.model_validate(await service.current_terms(session, tenant.slug))


@router.put("/terms", summary="Publish a new version of the terms of use")
async def publish_terms(
    body: TermsUpdate, actor: Superadmin, tenant: ActiveTenant, session: DbSession
) -> TermsRead:
    terms = await service.publish_terms(session, tenant, body.text, by=actor.principal.username)
    return TermsRead.model_validate(terms)


@router.post(
    "/me/terms/acceptance",
    status_code=status.HTTP_201_CREATED,
    summary="Accept the terms of use; waiting external moderator roles become active",
)
async def accept_terms(
    body: TermsAcceptanceCreate,
    principal: CurrentPrincipal,
    tenant: ActiveTenant,
    session: DbSession,
    users: Users,
) -> TermsAcceptanceRead:
    acceptance = await service.accept(session, tenant.slug, principal.user_id, body.version)
    activated = await roles.activate_after_terms(session, users, tenant.slug, principal.user_id)
    return TermsAcceptanceRead(
        version=acceptance.version,
        accepted_at=acceptance.accepted_at,
        activated_roles=[f"{g.role}:{g.scope}:{g.scope_id}" for g in activated],
    )
