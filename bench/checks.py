"""What the databases say after a run: delivery of every event, read-model lag, counts."""

from __future__ import annotations

import fnmatch
import statistics
from dataclasses import dataclass
from typing import Any

import asyncpg

from bench.harness import Harness

# Who consumes the contributions service's events (handlers.py of each service).
CONTRIBUTIONS_CONSUMERS: dict[str, tuple[str, str]] = {
    "notifications-contributions": ("notifications", "inspraak.*.contributions.*"),
    "projects-contributions": ("projects", "inspraak.*.contributions.*"),
    "widget-contributions": ("widget", "inspraak.*.contributions.input.*"),
}


async def connect(harness: Harness, service: str) -> asyncpg.Connection:
    return await asyncpg.connect(harness.running.database_urls[service])


async def outbox(harness: Harness, tenant: str) -> list[asyncpg.Record]:
    conn = await connect(harness, "contributions")
    try:
        return await conn.fetch(
            "SELECT event_id, nats_subject, created_at, published_at FROM outbox_message "
            "WHERE nats_subject LIKE $1",
            f"inspraak.{tenant}.contributions.%",
        )
    finally:
        await conn.close()


async def inbox(harness: Harness, service: str, consumer: str) -> dict[str, Any]:
    conn = await connect(harness, service)
    try:
        rows = await conn.fetch(
            "SELECT event_id, processed_at FROM inbox_message WHERE consumer = $1", consumer
        )
    finally:
        await conn.close()
    return {r["event_id"]: r["processed_at"] for r in rows}


@dataclass
class Delivery:
    events: int
    unpublished: int
    missing: dict[str, int]  # consumer -> events it never processed

    @property
    def complete(self) -> bool:
        return self.unpublished == 0 and not any(self.missing.values())


async def delivery(harness: Harness, tenant: str) -> Delivery:
    """Every contributions event of the tenant published, and processed by every consumer
    that subscribes to it (the inbox rows are unique per consumer and event id)."""
    events = await outbox(harness, tenant)
    missing: dict[str, int] = {}
    for consumer, (service, pattern) in CONTRIBUTIONS_CONSUMERS.items():
        seen = await inbox(harness, service, consumer)
        wanted = [e for e in events if fnmatch.fnmatchcase(e["nats_subject"], pattern)]
        missing[consumer] = sum(1 for e in wanted if e["event_id"] not in seen)
    unpublished = sum(1 for e in events if e["published_at"] is None)
    return Delivery(len(events), unpublished, missing)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(q) - 1]


async def lag(
    harness: Harness, tenant: str, subject_suffix: str, service: str, consumer: str
) -> dict[str, float]:
    """From the event's commit in contributions (outbox row) to its processing by a
    consumer (inbox row): how far a read model trails, per event, in ms."""
    events = [
        e for e in await outbox(harness, tenant) if e["nats_subject"].endswith(subject_suffix)
    ]
    seen = await inbox(harness, service, consumer)
    lags = [
        (seen[e["event_id"]] - e["created_at"]).total_seconds() * 1000
        for e in events
        if e["event_id"] in seen
    ]
    return {
        "events": len(events),
        "reflected": len(lags),
        "p50_ms": round(percentile(lags, 50), 1),
        "p99_ms": round(percentile(lags, 99), 1),
        "max_ms": round(max(lags), 1) if lags else 0.0,
    }


async def wait_delivered(harness: Harness, tenant: str, within: float) -> Delivery:
    import asyncio
    import time

    deadline = time.monotonic() + within
    while True:
        found = await delivery(harness, tenant)
        if found.complete or time.monotonic() > deadline:
            return found
        await asyncio.sleep(0.5)
