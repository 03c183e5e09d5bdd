"""Rules for a tenant's domains: one primary, aliases, each host owned by one tenant only;
every change of the host names is announced with `widget.domains.changed`.

The tenant spec (identity's `tenant.applied`) seeds the domains; after that the IT officer
manages them here. When the operator changes the spec's domains later, that change is
applied as well: the latest change wins, whichever side it came from.
"""

import asyncio
import json
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.problems import Conflict, NotFound
from inspraak_widget.config import WidgetSettings
from inspraak_widget.domains import events, helm, repository
from inspraak_widget.domains.dns import DnsLookupError, DnsResolver
from inspraak_widget.domains.models import DomainConfig, TenantHost
from inspraak_widget.domains.probe import WELL_KNOWN_PATH, HostProber, ProbeAnswer, ProbeError
from inspraak_widget.domains.schemas import (
    DnsRecord,
    DomainCheckRead,
    DomainsRead,
    DomainsUpdate,
    HostCheck,
    HostRouting,
    ReleaseRead,
    RoutingReason,
    RoutingStatus,
)
from inspraak_widget.hostnames import host_origin, validate_host
from inspraak_widget.sites import service as sites
from inspraak_widget.sites.models import Site, utcnow
from inspraak_widget.sites.schemas import SpecDomains
from inspraak_widget.texts import text

logger = logging.getLogger("inspraak.widget.domains")
_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,61}[a-z0-9]$")


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


# --- the hand-over to the platform operator: the tenant release's values --------------------


class NoDomainsError(NotFound):
    title, slug = "No domains yet", "no-domains"


@dataclass(frozen=True)
class ReleaseValues:
    """The tenant's domains next to those of its Helm release."""

    tenant: str
    version: int
    primary: str
    aliases: list[str]
    # The release's domains as identity last applied the spec from its values (the apply
    # Job runs on every install and upgrade): what the Ingress and certificate cover.
    release_primary: str | None
    release_hosts: frozenset[str]

    @property
    def hosts(self) -> list[str]:
        return [self.primary, *self.aliases]

    @property
    def missing(self) -> list[str]:
        return [h for h in self.hosts if h not in self.release_hosts]

    @property
    def surplus(self) -> list[str]:
        return sorted(self.release_hosts - set(self.hosts))

    @property
    def in_sync(self) -> bool:
        # The primary counts too: a reinstall from the release's values must not swap it back.
        return not self.missing and not self.surplus and self.release_primary == self.primary

    @property
    def block(self) -> str:
        return helm.values_block(self.primary, self.aliases)

    @property
    def file(self) -> str:
        return helm.values_file(self.tenant, self.version, self.primary, self.aliases)


async def release_values(session: AsyncSession, tenant: str) -> ReleaseValues:
    site = await sites.require(session, tenant)
    config = await repository.get_config(session, tenant)
    hosts = await repository.hosts_of(session, tenant)
    primary = next((h.host for h in hosts if h.is_primary), None)
    if primary is None:
        raise NoDomainsError("This municipality has no primary domain yet.")
    return ReleaseValues(
        tenant=tenant,
        version=config.version if config else 0,
        primary=primary,
        aliases=[h.host for h in hosts if not h.is_primary],
        release_primary=_spec_primary(site.spec_domains),
        release_hosts=frozenset(_spec_hosts(site.spec_domains)),
    )


async def all_release_values(session: AsyncSession) -> list[ReleaseValues]:
    """Every tenant with domains, for the operator's overview."""
    return [
        await release_values(session, tenant)
        for tenant in await repository.tenants_with_hosts(session)
    ]


def _spec_primary(spec_domains: dict[str, object]) -> str | None:
    primary = spec_domains.get("primary")
    return primary if isinstance(primary, str) else None


def _spec_hosts(spec_domains: dict[str, object]) -> list[str]:
    primary, aliases = _spec_primary(spec_domains), spec_domains.get("aliases")
    hosts = [primary] if primary else []
    if isinstance(aliases, list):
        hosts += [alias for alias in aliases if isinstance(alias, str)]
    return hosts


def _release_read(release: ReleaseValues, lang: str) -> ReleaseRead:
    if release.in_sync:
        message = text("release_in_sync", lang)
    elif not release.missing and not release.surplus:
        message = text("release_primary_differs", lang, primary=release.release_primary)
    else:
        none = text("none", lang)
        message = text(
            "release_out_of_sync",
            lang,
            missing=", ".join(release.missing) or none,
            surplus=", ".join(release.surplus) or none,
        )
    return ReleaseRead(
        in_sync=release.in_sync,
        release_primary=release.release_primary,
        missing=release.missing,
        surplus=release.surplus,
        values=release.file,
        message=message,
    )


# --- the domain check: DNS and routing ----------------------------------------------------


@dataclass(frozen=True)
class CheckContext:
    tenant: str
    resolver: DnsResolver
    prober: HostProber
    ingress_host: str
    ingress: set[str]
    release: ReleaseValues
    lang: str


async def check(
    session: AsyncSession,
    tenant: str,
    resolver: DnsResolver,
    prober: HostProber,
    settings: WidgetSettings,
    lang: str | None,
) -> DomainCheckRead:
    site = await sites.require(session, tenant)
    hosts = await repository.hosts_of(session, tenant)
    language = lang or site.default_language
    if not hosts:  # the spec's domains were refused: nothing to check or hand over yet
        return DomainCheckRead(hosts=[], release=None)
    release = await release_values(session, tenant)
    context = CheckContext(
        tenant=tenant,
        resolver=resolver,
        prober=prober,
        ingress_host=settings.ingress_host,
        ingress=await _ingress_addresses(resolver, settings),
        release=release,
        lang=language,
    )
    checks = await asyncio.gather(*(_check_host(context, h) for h in hosts))
    return DomainCheckRead(hosts=list(checks), release=_release_read(release, language))


async def _check_host(context: CheckContext, host: TenantHost) -> HostCheck:
    """DNS and routing of one host, side by side (both wait on the network)."""
    dns, routing = await asyncio.gather(
        _check_dns(context, host.host), _check_routing(context, host.host)
    )
    return HostCheck(
        host=host.host, role="primary" if host.is_primary else "alias", routing=routing, **dns
    )


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


async def _check_dns(context: CheckContext, host: str) -> dict[str, Any]:
    """The DNS part of a host's check: status, expected, found and message."""
    expected = expected_records(host, context.ingress_host, context.ingress)
    try:
        cname = await context.resolver.lookup(host, "CNAME")
        addresses = await _addresses(context.resolver, host)
    except DnsLookupError:
        status, found = "unknown", []
    else:
        found = cname or sorted(addresses)
        if (cname and cname[0] == context.ingress_host) or (
            addresses and addresses <= context.ingress
        ):
            status = "ok"
        elif not cname and not addresses:
            status = "missing"
        else:
            status = "wrong"
    first = expected[0]
    message = text(
        f"dns_{status}",
        context.lang,
        host=host,
        type=first.type,
        name=first.name,
        value=first.value,
        found=", ".join(found),
    )
    return {"status": status, "expected": expected, "found": found, "message": message}


@dataclass(frozen=True)
class Routing:
    status: RoutingStatus
    reason: RoutingReason | None = None
    detail: str | None = None
    other_tenant: str | None = None


async def _check_routing(context: CheckContext, host: str) -> HostRouting:
    routing = await probe_routing(context.prober, context.tenant, host, context.release.hosts)
    in_release = host in context.release.release_hosts
    return HostRouting(
        status=routing.status,
        reason=routing.reason,
        detail=routing.detail,
        in_release=in_release,
        message=_routing_message(routing, host, in_release, context),
    )


async def probe_routing(
    prober: HostProber, tenant: str, host: str, own_hosts: list[str]
) -> Routing:
    """Does a request for `host` reach the gateway, and for this tenant?"""
    try:
        answer = await prober.get(host, WELL_KNOWN_PATH)
        target = _own_redirect(answer, own_hosts)
        if target is not None:
            # Should the gateway send an alias on to the primary domain, the alias is routed
            # when the domain it names answers for this tenant.
            answer = await prober.get(target, WELL_KNOWN_PATH)
    except ProbeError as exc:
        return Routing("not-routed", exc.failure, exc.detail)
    if answer.status_code != 200:
        return Routing("not-routed", "http-status", f"HTTP {answer.status_code}")
    answered = _answered_tenant(answer.body)
    if answered is None:
        return Routing("not-routed", "not-inspraak", "the answer is not the Inspraak gateway's")
    if answered != tenant:
        return Routing("other-tenant", None, f"answers for {answered}", answered)
    return Routing("routed")


def _own_redirect(answer: ProbeAnswer, own_hosts: list[str]) -> str | None:
    if answer.status_code not in (301, 302, 307, 308) or not answer.location:
        return None
    target = urlsplit(answer.location)
    if target.scheme == "https" and target.hostname in own_hosts and target.path == WELL_KNOWN_PATH:
        return target.hostname
    return None


def _answered_tenant(body: bytes) -> str | None:
    """The slug the gateway names; None for anything else (it is shown, so only a slug)."""
    try:
        document = json.loads(body)
    except ValueError:
        return None
    tenant = document.get("tenant") if isinstance(document, dict) else None
    return tenant if isinstance(tenant, str) and _SLUG.fullmatch(tenant) else None


def _routing_message(routing: Routing, host: str, in_release: bool, context: CheckContext) -> str:
    lang = context.lang
    if routing.status == "routed":
        return text("routing_routed", lang, host=host)
    if routing.status == "other-tenant":
        return text("routing_other_tenant", lang, host=host, other=routing.other_tenant)
    if not in_release:
        return text("routing_not_in_release", lang, host=host, values=context.release.block)
    key = "routing_tls" if routing.reason == "tls" else "routing_unreachable"
    return text(key, lang, host=host, detail=routing.detail)
