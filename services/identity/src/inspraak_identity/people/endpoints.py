"""HTTP: registration, public profiles, contact details for staff, and the person's own data."""

import json

from fastapi import APIRouter, Response, status

from inspraak_identity.dependencies import ActiveTenant, Users
from inspraak_identity.people import service
from inspraak_identity.people.auth import ContactReader
from inspraak_identity.people.schemas import (
    ContactRead,
    Erased,
    ErasureRequest,
    MeRead,
    MeUpdate,
    PublicProfile,
    Registered,
    RegistrationCreate,
)
from inspraak_shared.auth import CurrentPrincipal
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1", tags=["people"])


@router.post(
    "/people/registrations",
    status_code=status.HTTP_201_CREATED,
    summary="Register as a person or an organisation (if the municipality allows it)",
)
async def register(
    body: RegistrationCreate, tenant: ActiveTenant, session: DbSession, users: Users
) -> Registered:
    return await service.register(session, users, tenant, body)


@router.get(
    "/people/{username}", summary="A public profile: the username, and if it is an organisation"
)
async def public_profile(username: str, tenant: ActiveTenant, session: DbSession) -> PublicProfile:
    return await service.public_profile(session, tenant.slug, username)


@router.get(
    "/people/{username}/contact",
    summary="E-mail and names, for a superadmin or the person's department head (audited)",
)
async def contact(
    username: str, actor: ContactReader, tenant: ActiveTenant, session: DbSession, users: Users
) -> ContactRead:
    return await service.contact(session, users, actor, username)


@router.get("/me", summary="Your own account, roles and profile")
async def me(
    principal: CurrentPrincipal, tenant: ActiveTenant, session: DbSession, users: Users
) -> MeRead:
    return await service.me(session, users, principal)


@router.patch("/me", summary="Change your names, language or area (neighbourhood)")
async def update_me(
    body: MeUpdate,
    principal: CurrentPrincipal,
    tenant: ActiveTenant,
    session: DbSession,
    users: Users,
) -> MeRead:
    return await service.update_me(session, users, tenant, principal, body)


@router.get(
    "/me/export",
    summary="Download all your personal data (JSON)",
    response_class=Response,
    responses={200: {"content": {"application/json": {}}}},
)
async def export_me(
    principal: CurrentPrincipal, tenant: ActiveTenant, session: DbSession, users: Users
) -> Response:
    document = await service.export_me(session, users, tenant, principal)
    return Response(
        json.dumps(document, indent=2, ensure_ascii=False, default=str),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{tenant.slug}-personal-data.json"'},
    )


@router.post("/me/erasure", summary="Erase your account; what you wrote is anonymised")
async def erase_me(
    body: ErasureRequest,
    principal: CurrentPrincipal,
    tenant: ActiveTenant,
    session: DbSession,
    users: Users,
) -> Erased:
    person = await service.erase(
        session, users, tenant, principal, confirm_username=body.confirm_username
    )
    assert person.erased_at is not None
    return Erased(user_id=person.user_id, erased_at=person.erased_at)
