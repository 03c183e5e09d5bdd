"""HTTP: invitations, one or many (CSV), their status, and accepting one."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, status

from inspraak_identity.dependencies import ActiveTenant, Settings, Users
from inspraak_identity.invitations import service
from inspraak_identity.invitations.auth import InvitingStaff
from inspraak_identity.invitations.models import Invitation
from inspraak_identity.invitations.schemas import (
    BulkReport,
    InvitationAccept,
    InvitationAccepted,
    InvitationCreate,
    InvitationPreview,
    InvitationRead,
    InvitationStatus,
    InvitationToken,
)
from inspraak_shared.auth import OptionalPrincipal
from inspraak_shared.db import DbSession
from inspraak_shared.problems import UnprocessableContent

router = APIRouter(prefix="/v1/invitations", tags=["invitations"])
MAX_CSV_BYTES = 1_000_000


def _read(invitation: Invitation) -> InvitationRead:
    return InvitationRead.model_validate(
        {**invitation.model_dump(), "status": service.status_of(invitation)}
    )


@router.post("", status_code=status.HTTP_201_CREATED, summary="Invite someone with a role")
async def create_invitation(
    body: InvitationCreate,
    inviter: InvitingStaff,
    tenant: ActiveTenant,
    session: DbSession,
    settings: Settings,
) -> InvitationRead:
    issued = await service.invite(
        session, tenant=tenant, inviter=inviter, body=body, settings=settings
    )
    return _read(issued.invitation)


@router.post(
    "/bulk",
    summary="Invite many from a CSV file (email,role,scopeId,external,message,language)",
    openapi_extra={
        "requestBody": {"required": True, "content": {"text/csv": {"schema": {"type": "string"}}}}
    },
)
async def bulk_invite(
    request: Request,
    inviter: InvitingStaff,
    tenant: ActiveTenant,
    session: DbSession,
    settings: Settings,
) -> BulkReport:
    raw = await request.body()
    if len(raw) > MAX_CSV_BYTES:
        raise UnprocessableContent("The CSV file is larger than 1 MB.", slug="csv-too-large")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UnprocessableContent("The CSV file must be UTF-8.", slug="csv-encoding") from exc
    return await service.invite_bulk(
        session, tenant=tenant, inviter=inviter, csv_text=text, settings=settings
    )


@router.get(
    "", summary="Invitations and their status (a department head: their own and their projects')"
)
async def list_invitations(
    inviter: InvitingStaff,
    tenant: ActiveTenant,
    session: DbSession,
    state: Annotated[InvitationStatus | None, Query(alias="status")] = None,
) -> list[InvitationRead]:
    found = await service.list_invitations(session, tenant.slug, inviter, status=state)
    return [_read(i) for i in found]


@router.get("/{invitation_id}", summary="One invitation and its status")
async def get_invitation(
    invitation_id: str, inviter: InvitingStaff, tenant: ActiveTenant, session: DbSession
) -> InvitationRead:
    return _read(await service.get_invitation(session, tenant.slug, inviter, invitation_id))


@router.post("/{invitation_id}/resend", summary="Send again with a new link (the old one dies)")
async def resend_invitation(
    invitation_id: str,
    inviter: InvitingStaff,
    tenant: ActiveTenant,
    session: DbSession,
    settings: Settings,
) -> InvitationRead:
    invitation = await service.resend(
        session, tenant=tenant, inviter=inviter, invitation_id=invitation_id, settings=settings
    )
    return _read(invitation)


@router.post("/{invitation_id}/revoke", summary="Withdraw an invitation")
async def revoke_invitation(
    invitation_id: str, inviter: InvitingStaff, tenant: ActiveTenant, session: DbSession
) -> InvitationRead:
    invitation = await service.revoke(
        session, tenant=tenant.slug, inviter=inviter, invitation_id=invitation_id
    )
    return _read(invitation)


@router.post("/preview", summary="What an invitation link offers (anyone holding the link)")
async def preview_invitation(
    body: InvitationToken, tenant: ActiveTenant, session: DbSession
) -> InvitationPreview:
    return await service.preview(session, tenant, body.token)


@router.post(
    "/accept",
    summary="Accept: signed in with the token, or anonymous with a new username and password",
)
async def accept_invitation(
    body: InvitationAccept,
    principal: OptionalPrincipal,
    tenant: ActiveTenant,
    session: DbSession,
    users: Users,
) -> InvitationAccepted:
    return await service.accept(session, users, tenant, body, principal)
