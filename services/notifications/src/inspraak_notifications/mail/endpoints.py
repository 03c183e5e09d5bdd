"""The mail outbox for superadmins: what went to whom, when, with what result; no bodies."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from inspraak_notifications.mail import service
from inspraak_notifications.mail.auth import Superadmin
from inspraak_notifications.mail.models import MailStatus
from inspraak_notifications.mail.schemas import MailPage, SuppressedAddressRead
from inspraak_shared.db import DbSession

router = APIRouter(prefix="/v1/mail-outbox", tags=["mail outbox"])


@router.get("", summary="Mail of this municipality, newest first")
async def outbox(
    session: DbSession,
    principal: Superadmin,
    status: MailStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> MailPage:
    return await service.outbox(
        session, principal.tenant, status=status, limit=limit, offset=offset
    )


@router.get("/suppressed-addresses", summary="Addresses that refused mail permanently")
async def suppressed(session: DbSession, principal: Superadmin) -> list[SuppressedAddressRead]:
    return await service.suppressed(session, principal.tenant)


@router.delete(
    "/suppressed-addresses/{address}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Try an address again (after the person fixed it)",
    responses={404: {"description": "The address is not suppressed"}},
)
async def release(
    address: Annotated[str, Path(max_length=320)], session: DbSession, principal: Superadmin
) -> None:
    await service.release(session, principal.tenant, address)
