"""An offline stand-in for DNS: answers from a table the test fills in."""

from inspraak_widget.domains.dns import DnsLookupError


class TableResolver:
    def __init__(self) -> None:
        self.records: dict[tuple[str, str], list[str]] = {}
        self.failing: set[str] = set()

    def set(self, host: str, record_type: str, *values: str) -> None:
        self.records[(host, record_type)] = list(values)

    async def lookup(self, host: str, record_type: str) -> list[str]:
        if host in self.failing:
            raise DnsLookupError("timed out")
        return list(self.records.get((host, record_type), []))
