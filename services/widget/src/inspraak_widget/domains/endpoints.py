"""The IT officer's web addresses: domains, the sites that embed the widget, the domain
check (DNS and routing) and the values the platform operator needs for the tenant release."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from inspraak_shared.db import DbSession
from inspraak_shared.tenancy import RequestTenant
from inspraak_widget.config import WidgetSettings
from inspraak_widget.domains import service
from inspraak_widget.domains.auth import DomainManager
from inspraak_widget.domains.dns import DnsResolver, SystemResolver
from inspraak_widget.domains.probe import HostProber, HttpProber
from inspraak_widget.domains.schemas import DomainCheckRead, DomainsRead, DomainsUpdate
from inspraak_widget.texts import Language

router = APIRouter(prefix="/v1/domains", tags=["domains"])
YAML = "application/yaml"


def settings_of(request: Request) -> WidgetSettings:
    return request.app.state.runtime.settings  # type: ignore[no-any-return]


def dns_resolver(request: Request) -> DnsResolver:
    """The resolver the app was built with (tests hand in an offline one)."""
    resolver = getattr(request.app.state, "dns_resolver", None)
    if resolver is None:
        resolver = SystemResolver(settings_of(request).dns_timeout_seconds)
        request.app.state.dns_resolver = resolver
    return resolver  # type: ignore[no-any-return]


def host_prober(request: Request) -> HostProber:
    """The prober the app was built with (tests hand in one aimed at a local server)."""
    prober = getattr(request.app.state, "host_prober", None)
    if prober is None:
        prober = HttpProber(settings_of(request).routing_timeout_seconds)
        request.app.state.host_prober = prober
    return prober  # type: ignore[no-any-return]


Settings = Annotated[WidgetSettings, Depends(settings_of)]
Resolver = Annotated[DnsResolver, Depends(dns_resolver)]
Prober = Annotated[HostProber, Depends(host_prober)]


@router.get("", summary="The tenant's domains and embed origins", response_model=DomainsRead)
async def read_domains(session: DbSession, tenant: RequestTenant, _: DomainManager) -> DomainsRead:
    return await service.read(session, tenant)


@router.put(
    "",
    summary="Set the primary domain, alias domains and embed origins",
    response_model=DomainsRead,
    responses={409: {"description": "A host name belongs to another municipality"}},
)
async def replace_domains(
    body: DomainsUpdate, session: DbSession, tenant: RequestTenant, _: DomainManager
) -> DomainsRead:
    return await service.replace(session, tenant, body)


@router.get(
    "/check",
    summary="Per domain: the DNS record it needs and whether it is in place, whether requests "
    "reach the platform for this municipality, and what the tenant release still needs",
    response_model=DomainCheckRead,
)
async def check_domains(
    session: DbSession,
    tenant: RequestTenant,
    _: DomainManager,
    resolver: Resolver,
    prober: Prober,
    settings: Settings,
    lang: Annotated[Language | None, Query(description="Language of the messages")] = None,
) -> DomainCheckRead:
    return await service.check(session, tenant, resolver, prober, settings, lang)


@router.get(
    "/helm-values",
    summary="The values block of the inspraak-tenant Helm chart for these domains",
    description="For `helm upgrade <release> deploy/helm/inspraak-tenant -f <tenant values> "
    "-f <this file>`: the Ingress hosts and TLS certificate follow `tenant.domains`.",
    response_class=Response,
    responses={
        200: {"content": {YAML: {}}, "description": "The values file"},
        404: {"description": "The municipality has no domains yet"},
    },
)
async def helm_values(session: DbSession, tenant: RequestTenant, _: DomainManager) -> Response:
    release = await service.release_values(session, tenant)
    return Response(
        release.file,
        media_type=YAML,
        headers={
            "Content-Disposition": f'attachment; filename="{tenant}-domains.yaml"',
            "Cache-Control": "no-store",
        },
    )
