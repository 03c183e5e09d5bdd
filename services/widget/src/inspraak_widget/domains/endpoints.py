"""The IT officer's web addresses: domains, the sites that embed the widget, the DNS check."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from inspraak_shared.db import DbSession
from inspraak_shared.tenancy import RequestTenant
from inspraak_widget.config import WidgetSettings
from inspraak_widget.domains import service
from inspraak_widget.domains.auth import DomainManager
from inspraak_widget.domains.dns import DnsResolver, SystemResolver
from inspraak_widget.domains.schemas import DomainCheckRead, DomainsRead, DomainsUpdate
from inspraak_widget.texts import Language

router = APIRouter(prefix="/v1/domains", tags=["domains"])


def settings_of(request: Request) -> WidgetSettings:
    return request.app.state.runtime.settings  # type: ignore[no-any-return]


def dns_resolver(request: Request) -> DnsResolver:
    """The resolver the app was built with (tests hand in an offline one)."""
    resolver = getattr(request.app.state, "dns_resolver", None)
    if resolver is None:
        resolver = SystemResolver(settings_of(request).dns_timeout_seconds)
        request.app.state.dns_resolver = resolver
    return resolver  # type: ignore[no-any-return]


Settings = Annotated[WidgetSettings, Depends(settings_of)]
Resolver = Annotated[DnsResolver, Depends(dns_resolver)]


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
    summary="What DNS record each domain needs, and whether it is in place",
    response_model=DomainCheckRead,
)
async def check_domains(
    session: DbSession,
    tenant: RequestTenant,
    _: DomainManager,
    resolver: Resolver,
    settings: Settings,
    lang: Annotated[Language | None, Query(description="Language of the messages")] = None,
) -> DomainCheckRead:
    return await service.check(session, tenant, resolver, settings, lang)
