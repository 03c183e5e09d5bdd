"""The gateway's lookup: which tenant a Host header names, and where to redirect.

It needs no caller identity: which host belongs to which municipality is public (DNS says
as much) and so are redirects (any visitor can follow them). It is meant for the gateway on
the cluster network, before it knows the tenant; the NetworkPolicy keeps it there.
"""

from typing import Annotated

from fastapi import APIRouter, Path, Query

from inspraak_shared.db import DbSession
from inspraak_widget.routing import service
from inspraak_widget.routing.schemas import HostLookup

router = APIRouter(prefix="/v1/internal/hosts", tags=["internal: gateway"])


@router.get(
    "/{host}",
    summary="Resolve a Host header to its tenant, and the redirect to answer with, if any",
    response_model=HostLookup,
    responses={404: {"description": "No tenant uses this host: refuse the request"}},
)
async def lookup_host(
    session: DbSession,
    host: Annotated[str, Path(max_length=260)],
    path: Annotated[
        str | None,
        Query(max_length=2000, description="The request's path and query, e.g. /omgevingsvisie"),
    ] = None,
) -> HostLookup:
    return await service.lookup(session, host, path)
