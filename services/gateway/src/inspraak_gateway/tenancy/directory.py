"""Host lookups at the widget service, cached briefly so a request rarely waits for one.

Unknown hosts are cached as well (a flood of made-up Host headers must not become a flood
of lookups), the cache is bounded, and concurrent misses for one key share one lookup.
A widget service that cannot answer is never cached: the next request asks again.
"""

import asyncio
import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from urllib.parse import quote

import httpx

from inspraak_gateway.tenancy.schemas import HostLookup
from inspraak_shared.problems import NotFound, ServiceUnavailable
from inspraak_shared.telemetry import inject_trace_context

# What a Host header may name: a DNS name (an IP literal or garbage never names a tenant).
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$")
MAX_LOOKUP_PATH = 2000


class UnknownHostError(NotFound):
    title, slug = "Unknown host", "unknown-host"


class DirectoryUnavailableError(ServiceUnavailable):
    title, slug = "Host lookup unavailable", "host-lookup-unavailable"


def normalise_host(raw: str) -> str:
    """What a Host header names: lowercase, without port or the root's trailing dot."""
    host = raw.strip().lower()
    if host.startswith("["):
        return host
    return host.split(":", 1)[0].rstrip(".")


@dataclass(frozen=True)
class _Entry:
    expires: float
    lookup: HostLookup | None  # None: no tenant uses this host


Key = tuple[str, str | None]


class HostDirectory:
    def __init__(
        self, http: httpx.AsyncClient, widget_url: str, *, ttl: float, max_entries: int
    ) -> None:
        self._http = http
        self._widget_url = widget_url.rstrip("/")
        self._ttl = ttl
        self._max_entries = max_entries
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._pending: dict[Key, asyncio.Future[HostLookup | None]] = {}

    async def resolve(self, raw_host: str, path: str | None) -> HostLookup:
        """The tenant of a host (and the redirect for `path`, when one is given)."""
        host = normalise_host(raw_host)
        if not _HOST.fullmatch(host):
            raise UnknownHostError("This address does not belong to a municipality.")
        if path is not None and len(path) > MAX_LOOKUP_PATH:
            path = None  # longer than any redirect source the widget service stores
        lookup = await self._cached((host, path))
        if lookup is None:
            raise UnknownHostError(f"No municipality uses {host}.", extensions={"host": host})
        return lookup

    async def _cached(self, key: Key) -> HostLookup | None:
        entry = self._entries.get(key)
        if entry is not None and entry.expires > time.monotonic():
            return entry.lookup
        pending = self._pending.get(key)
        if pending is not None:
            return await asyncio.shield(pending)
        future: asyncio.Future[HostLookup | None] = asyncio.get_running_loop().create_future()
        self._pending[key] = future
        try:
            lookup = await self._fetch(*key)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning without waiters
            raise
        else:
            future.set_result(lookup)
            self._store(key, lookup)
            return lookup
        finally:
            del self._pending[key]

    def _store(self, key: Key, lookup: HostLookup | None) -> None:
        self._entries[key] = _Entry(time.monotonic() + self._ttl, lookup)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)

    async def _fetch(self, host: str, path: str | None) -> HostLookup | None:
        headers: dict[str, str] = {}
        inject_trace_context(headers)
        try:
            response = await self._http.get(
                f"{self._widget_url}/v1/internal/hosts/{quote(host, safe='')}",
                params={"path": path} if path else None,
                headers=headers,
                timeout=5.0,
            )
        except httpx.HTTPError as exc:
            raise DirectoryUnavailableError(
                "The municipality of this address cannot be looked up right now."
            ) from exc
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise DirectoryUnavailableError(
                "The municipality of this address cannot be looked up right now."
            )
        return HostLookup.model_validate_json(response.content)
