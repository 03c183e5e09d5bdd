"""DNS look-ups for the domain check, behind a small protocol so tests can run offline."""

from typing import Protocol

import dns.asyncresolver
import dns.exception
import dns.resolver

from inspraak_widget.domains.schemas import RecordType


class DnsLookupError(Exception):
    """The answer could not be had now (time-out, no server answered): try again later."""


class DnsResolver(Protocol):
    async def lookup(self, host: str, record_type: RecordType) -> list[str]:
        """Records of this type, lowercase and without the root's dot; [] when there are none."""
        ...


class SystemResolver:
    """The machine's resolvers (resolv.conf), via dnspython."""

    def __init__(self, timeout_seconds: float = 3.0) -> None:
        self._resolver = dns.asyncresolver.Resolver()
        self._resolver.lifetime = timeout_seconds

    async def lookup(self, host: str, record_type: RecordType) -> list[str]:
        try:
            answer = await self._resolver.resolve(host, record_type)
        except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
            return []
        except dns.exception.DNSException as exc:
            raise DnsLookupError(str(exc)) from exc
        return [record.to_text().lower().rstrip(".") for record in answer]
