"""Rules for a tenant's domains: one primary, aliases, each host owned by one tenant only;
every change of the host names is announced with `widget.domains.changed`.

The tenant spec (identity's `tenant.applied`) seeds the domains; after that the IT officer
manages them here. When the operator changes the spec's domains later, that change is
applied as well: the latest change wins, whichever side it came from.
"""

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.problems import Conflict
from inspraak_widget.config import WidgetSettings
from inspraak_widget.domains import events, repository
from inspraak_widget.domains.dns import DnsLookupError, DnsResolver
from inspraak_widget.domains.models import DomainConfig
from inspraak_widget.domains.schemas import (
    DnsRecord,
    DomainCheckRead,
    DomainsRead,
    DomainsUpdate,
    HostCheck,
)
from inspraak_widget.hostnames import host_origin, validate_host
from inspraak_widget.sites import service as sites
from inspraak_widget.sites.models import Site, utcnow
from inspraak_widget.sites.schemas import SpecDomains
from inspraak_widget.texts import text

logger = logging.getLogger("inspraak.widget.domains")


class HostTakenError(Conflict):
    title, slug = "Host name in use", "host-taken"


async def read(session: AsyncSession, tenant: str) -> DomainsRead:
    await sites.require(session, tenant)
    config = await repository.get_config(session, tenant)
    hosts = await repository.hosts_of(session, tenant)
    return DomainsRead(
        primary=next((h.host for h in hosts if h.is_primary), None),
        aliases=[h.host for h in hosts if not h.is_primary],
        embed_origins=config.embed_origins if config else [],
        version=config.version if config else 0,
        updated_at=config.updated_at if config else None,
    )


async def replace(session: AsyncSession, tenant: str, update: DomainsUpdate) -> DomainsRead:
    await sites.require(session, tenant)
    config = await repository.lock_config(session, tenant)
    taken = await repository.taken_elsewhere(session, tenant, [update.primary, *update.aliases])
    if taken:
        raise HostTakenError(
            f"Already used by another municipality: {', '.join(taken)}.",
            extensions={"hosts": taken},
        )
    await _set_hosts(session, tenant, config, update.primary, update.aliases)
    config.embed_origins = list(update.embed_origins)
    config.updated_at = utcnow()
    session.add(config)
    await session.flush()
    return await read(session, tenant)


async def _set_hosts(
    session: AsyncSession, tenant: str, config: DomainConfig, primary: str, aliases: list[str]
) -> bool:
    """Replace the tenant's host names; announce it when they changed. Needs the config lock."""
    current = await repository.hosts_of(session, tenant)
    before = (next((h.host for h in current if h.is_primary), None), {h.host for h in current})
    if before == (primary, {primary, *aliases}):
        return False
    try:
        async with session.begin_nested():
            await repository.replace_hosts(session, tenant, primary, aliases)
    except IntegrityError as exc:
        # Another tenant claimed one of the hosts between our check and our write.
        raise HostTakenError("A host name was just taken by another municipality.") from exc
    config.version += 1
    config.updated_at = utcnow()
    session.add(config)
    events.domains_changed(
        session, tenant, version=config.version, primary=primary, aliases=list(aliases)
    )
    return True


async def follow_spec(session: AsyncSession, site: Site, spec: SpecDomains) -> None:
    """Apply the tenant spec's domains when the operator changed them (or on first sight)."""
    wanted = {"primary": spec.primary, "aliases": list(spec.aliases)}
    if site.spec_domains == wanted:
        return
    site.spec_domains = wanted
    session.add(site)
    hosts = [h for h in dict.fromkeys((spec.primary, *spec.aliases)) if _valid_host(h)]
    if spec.primary not in hosts:
        logger.warning("tenant %s: spec primary domain %r is not valid", site.tenant, spec.primary)
        return
    config = await repository.lock_config(session, site.tenant)
    taken = await repository.taken_elsewhere(session, site.tenant, hosts)
    if taken:
        # Retrying cannot help until someone changes a spec: keep what we have and say so.
        logger.warning("tenant %s: spec domains %s belong to another tenant", site.tenant, taken)
        return
    await _set_hosts(session, site.tenant, config, spec.primary, hosts[1:])


def _valid_host(host: str) -> bool:
    try:
        validate_host(host)
    except ValueError:
        return False
    return True


async def forget_tenant(session: AsyncSession, tenant: str) -> None:
    await repository.forget_tenant(session, tenant)


@dataclass(frozen=True)
class Embedding:
    primary: str | None
    # Pages that may frame the widget or fetch it: the tenant's domains and embed origins.
    allowed_origins: list[str]


async def embedding(session: AsyncSession, tenant: str) -> Embedding:
    config = await repository.get_config(session, tenant)
    hosts = await repository.hosts_of(session, tenant)
    origins = [host_origin(h.host) for h in hosts] + (config.embed_origins if config else [])
    return Embedding(
        primary=next((h.host for h in hosts if h.is_primary), None),
        allowed_origins=list(dict.fromkeys(origins)),
    )


# --- the DNS check -------------------------------------------------------------------------


async def check(
    session: AsyncSession,
    tenant: str,
    resolver: DnsResolver,
    settings: WidgetSettings,
    lang: str | None,
) -> DomainCheckRead:
    site = await sites.require(session, tenant)
    hosts = await repository.hosts_of(session, tenant)
    language = lang or site.default_language
    ingress = await _ingress_addresses(resolver, settings)
    checks = await asyncio.gather(
        *(
            _check_host(
                resolver,
                h.host,
                "primary" if h.is_primary else "alias",
                settings.ingress_host,
                ingress,
                language,
            )
            for h in hosts
        )
    )
    return DomainCheckRead(hosts=list(checks))


async def _ingress_addresses(resolver: DnsResolver, settings: WidgetSettings) -> set[str]:
    if settings.ingress_addresses:
        return set(settings.ingress_addresses)
    try:
        return await _addresses(resolver, settings.ingress_host)
    except DnsLookupError:
        return set()


async def _addresses(resolver: DnsResolver, host: str) -> set[str]:
    v4, v6 = await asyncio.gather(resolver.lookup(host, "A"), resolver.lookup(host, "AAAA"))
    return set(v4) | set(v6)


def _is_apex(host: str) -> bool:
    # .nl and .be register names directly under the top-level domain: gemeente.nl is an apex.
    return host.count(".") == 1


def expected_records(host: str, ingress_host: str, ingress: set[str]) -> list[DnsRecord]:
    if _is_apex(host) and ingress:
        return [
            DnsRecord(type="AAAA" if ":" in address else "A", name=host, value=address)
            for address in sorted(ingress)
        ]
    return [DnsRecord(type="CNAME", name=host, value=ingress_host)]


async def _check_host(
    resolver: DnsResolver,
    host: str,
    role: str,
    ingress_host: str,
    ingress: set[str],
    lang: str,
) -> HostCheck:
    expected = expected_records(host, ingress_host, ingress)
    try:
        cname = await resolver.lookup(host, "CNAME")
        addresses = await _addresses(resolver, host)
    except DnsLookupError:
        status, found = "unknown", []
    else:
        found = cname or sorted(addresses)
        if (cname and cname[0] == ingress_host) or (addresses and addresses <= ingress):
            status = "ok"
        elif not cname and not addresses:
            status = "missing"
        else:
            status = "wrong"
    first = expected[0]
    message = text(
        f"dns_{status}",
        lang,
        host=host,
        type=first.type,
        name=first.name,
        value=first.value,
        found=", ".join(found),
    )
    return HostCheck(
        host=host,
        role=role,  # type: ignore[arg-type]
        status=status,  # type: ignore[arg-type]
        expected=expected,
        found=found,
        message=message,
    )
