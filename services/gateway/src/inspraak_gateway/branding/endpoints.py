"""`/branding/theme.css` (the municipality's colours) and `/.well-known/inspraak/host`."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from inspraak_gateway.branding import service
from inspraak_gateway.branding.schemas import HostProbe
from inspraak_gateway.branding.theme import theme_css
from inspraak_gateway.dependencies import ResolvedHost
from inspraak_gateway.tenancy.directory import normalise_host
from inspraak_shared.db import DbSession

router = APIRouter(tags=["web"])


@router.get(
    "/branding/theme.css",
    summary="The municipality's design-token overrides on the neutral theme",
    response_class=Response,
)
async def theme(db: DbSession, host: ResolvedHost) -> Response:
    branding = await service.branding_of(db, host.tenant)
    return Response(
        theme_css(branding.primary_color),
        media_type="text/css",
        # Pages link it with ?v=<version>, so a change shows at once; a minute otherwise.
        headers={"Cache-Control": "public, max-age=60"},
    )


@router.get(
    "/.well-known/inspraak/host",
    summary="Which municipality this host name reaches (probed by the domain check)",
)
async def host_probe(request: Request, host: ResolvedHost) -> HostProbe:
    return HostProbe(tenant=host.tenant, host=normalise_host(request.headers.get("host", "")))
