"""Host → tenant, alias → primary, and path redirects: what the gateway does per request."""

from urllib.parse import urlsplit

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.problems import NotFound
from inspraak_widget.domains import repository as domains
from inspraak_widget.hostnames import normalise_host
from inspraak_widget.redirects import service as redirects
from inspraak_widget.routing.schemas import HostLookup, Redirect
from inspraak_widget.sites import repository as sites


class UnknownHostError(NotFound):
    title, slug = "Unknown host", "unknown-host"


async def lookup(session: AsyncSession, raw_host: str, path: str | None) -> HostLookup:
    host = normalise_host(raw_host)
    row = await domains.find_host(session, host)
    if row is None or await sites.get(session, row.tenant) is None:
        raise UnknownHostError(f"No municipality uses {host}.")
    hosts = await domains.hosts_of(session, row.tenant)
    primary = next(h.host for h in hosts if h.is_primary)
    redirect = None
    if path:
        resolved = await redirects.resolve(
            session, row.tenant, urlsplit(path).path, {h.host for h in hosts}, primary
        )
        if resolved is not None:
            redirect = Redirect(
                status=301 if resolved.permanent else 302, location=resolved.location
            )
    if redirect is None and not row.is_primary:
        redirect = Redirect(status=301, location=f"https://{primary}{_path_and_query(path)}")
    return HostLookup(
        host=host, tenant=row.tenant, primary=primary, alias=not row.is_primary, redirect=redirect
    )


def _path_and_query(path: str | None) -> str:
    if not path:
        return "/"
    return path if path.startswith("/") else f"/{path}"
