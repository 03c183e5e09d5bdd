"""`make chaos`: a voting surge while contributions and notifications are killed with
SIGKILL, and NATS and PostgreSQL are restarted; then every figure is checked.

The clients behave as the web app does: a vote carries an `Idempotency-Key`, and an
answer that says nothing (connection error, 5xx) is retried with the same key until the
platform gives a definite answer. A reply to a comment has no key, so it is sent once;
its outcome may stay unknown, and the mail check then goes by what the database holds.

    python -m bench.chaos [--smoke] [--out bench/results]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import logging
import random
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench import checks, harness, report
from bench.tenant import Municipality, prepare

log = logging.getLogger("bench")
RESULTS = Path(__file__).with_name("results")
RETRY_FOR = 120.0  # seconds a client keeps retrying one vote


ALL_FAULTS = ("contributions", "notifications", "nats", "postgres")


@dataclass(frozen=True)
class Size:
    residents: int
    voting_inputs: int
    workers: int
    pause: float  # between a worker's requests: a surge, but one that lasts the faults
    settle: float  # seconds between faults
    faults: tuple[str, ...] = ALL_FAULTS
    drain: bool = False  # after the faults, cast every remaining vote (else: stop the surge)


FULL = Size(residents=150, voting_inputs=30, workers=24, pause=0.05, settle=6)
# The smoke run (CI): a few votes, slow enough that some wait out one kill -9 of the
# service that stores them, and are then counted exactly once.
SMOKE = Size(
    residents=10, voting_inputs=4, workers=3, pause=0.3, settle=2, faults=("contributions",),
    drain=True,
)  # fmt: skip


@dataclass
class Ledger:
    accepted: set[tuple[str, str]] = field(default_factory=set)
    rejected: dict[tuple[str, str], int] = field(default_factory=dict)
    unresolved: set[tuple[str, str]] = field(default_factory=set)
    retries: int = 0
    answers: Counter[str] = field(default_factory=Counter)
    replies_accepted: list[tuple[str, str]] = field(default_factory=list)  # (author, parent author)
    replies_unknown: int = 0
    last_accept: float = 0.0
    accept_times: list[float] = field(default_factory=list)


class Surge:
    def __init__(self, h: harness.Harness, town: Municipality, size: Size) -> None:
        assert town.voting
        assert town.reading
        self.h, self.town, self.size = h, town, size
        self.ledger = Ledger()
        pairs = [
            (i, input_id) for i in range(len(town.residents)) for input_id in town.voting.input_ids
        ]
        random.Random(11).shuffle(pairs)
        self.pairs = pairs
        self.stop = asyncio.Event()
        self.replied: set[int] = set()
        self.client = httpx.AsyncClient(
            base_url=h.gateway, timeout=httpx.Timeout(30, connect=5), trust_env=False,
            limits=httpx.Limits(max_connections=size.workers * 2),
        )  # fmt: skip

    def headers(self, index: int) -> dict[str, str]:
        person = self.town.residents[index]
        return {
            "Host": self.town.host,
            "Authorization": f"Bearer {person.token}",
            "X-Forwarded-For": f"10.{1 + index // 250}.{index % 250}.3",
        }

    async def run(self) -> None:
        queue: asyncio.Queue[tuple[int, str]] = asyncio.Queue()
        for pair in self.pairs:
            queue.put_nowait(pair)
        await asyncio.gather(*(self._worker(queue) for _ in range(self.size.workers)))

    async def _worker(self, queue: asyncio.Queue[tuple[int, str]]) -> None:
        while not self.stop.is_set():
            try:
                index, input_id = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            if index not in self.replied:
                self.replied.add(index)
                await self._reply(index)
            await self._vote(index, input_id)
            await asyncio.sleep(self.size.pause)

    async def _vote(self, index: int, input_id: str) -> None:
        voting = self.town.voting
        assert voting
        person = self.town.residents[index]
        key = (person.user_id, input_id)
        url = f"/api/v1/contributions/projects/{voting.project_id}/phases/{voting.phase_id}/votes"
        headers = {**self.headers(index), "Idempotency-Key": str(uuid.uuid4())}
        deadline = time.monotonic() + RETRY_FOR
        attempt = 0
        while True:
            attempt += 1
            try:
                response = await self.client.post(url, json={"input_id": input_id}, headers=headers)
                status = response.status_code
            except httpx.HTTPError as exc:
                status, response = 0, None
                self.ledger.answers[type(exc).__name__] += 1
            if status:
                self.ledger.answers[str(status)] += 1
            if 200 <= status < 300:
                self.ledger.accepted.add(key)
                now = time.monotonic()
                self.ledger.last_accept = now
                self.ledger.accept_times.append(now)
                return
            if 400 <= status < 500 and status not in (408, 429):
                self.ledger.rejected[key] = status
                return
            if time.monotonic() > deadline:
                self.ledger.unresolved.add(key)
                return
            self.ledger.retries += 1
            wait = float(response.headers.get("Retry-After", 0)) if response is not None else 0
            await asyncio.sleep(max(wait, min(0.2 * attempt, 2.0)))

    async def _reply(self, index: int) -> None:
        """Reply to a seeded comment by someone else: the parent's author gets one mail."""
        reading = self.town.reading
        assert reading
        comments = self.town.comment_ids
        authors = self.town.residents
        target = (index + 1) % len(comments)
        parent_author = authors[target % len(authors)]
        if parent_author.user_id == authors[index].user_id:
            return
        try:
            response = await self.client.post(
                f"/api/v1/contributions/projects/{reading.project_id}/inputs/{self.town.busy_input_id}/comments",
                json={"body": f"Eens, {index}!", "parent_comment_id": comments[target]},
                headers=self.headers(index),
            )
        except httpx.HTTPError:
            self.ledger.replies_unknown += 1
            return
        if response.status_code == 201:
            self.ledger.replies_accepted.append((authors[index].user_id, parent_author.user_id))
        elif response.status_code >= 500:
            self.ledger.replies_unknown += 1


@dataclass
class Fault:
    name: str
    at: float
    down_seconds: float
    recovered_seconds: float = 0.0  # until the next vote a client saw accepted


async def _faults(h: harness.Harness, surge: Surge, size: Size) -> list[Fault]:
    def kill_and_start(service: str) -> Callable[[], float]:
        def action() -> float:
            h.kill(service)
            return h.start_service(service)

        return action

    every = {
        "contributions": ("kill -9 contributions", kill_and_start("contributions")),
        "notifications": ("kill -9 notifications", kill_and_start("notifications")),
        "nats": ("restart NATS", h.restart_nats),
        "postgres": ("restart PostgreSQL (immediate)", h.restart_postgres),
    }
    steps = [every[fault] for fault in size.faults]
    done: list[Fault] = []
    await asyncio.sleep(size.settle)
    for name, action in steps:
        log.info("fault: %s", name)
        at = time.monotonic()
        down = await asyncio.to_thread(action)
        fault = Fault(name, at, round(down, 2))
        done.append(fault)
        await asyncio.sleep(size.settle)
    return done


def _recoveries(faults: list[Fault], ledger: Ledger, settle: float) -> None:
    """Once the surge is over: a vote retried through an outage is accepted only after
    the service is back, possibly after the last settle."""
    for fault in faults:
        fault.recovered_seconds = _outage(ledger.accept_times, fault, settle)


def _outage(accepted: list[float], fault: Fault, settle: float) -> float:
    """The longest time without an accepted vote from the fault until things settled:
    the outage as the voters saw it (-1: no vote was accepted after the fault)."""
    end = fault.at + fault.down_seconds + settle
    after = sorted(t for t in accepted if t > fault.at)
    if not after:
        return -1.0
    # The first vote accepted after the fault counts even if it came after `end`.
    points = [fault.at, after[0], *(t for t in after[1:] if t <= end)]
    return round(max(b - a for a, b in itertools.pairwise(points)), 2)


async def _counted(h: harness.Harness, town: Municipality) -> dict[str, Any]:
    assert town.voting
    conn = await checks.connect(h, "contributions")
    try:
        rows = await conn.fetch(
            "SELECT voter_user_id, input_id FROM vote WHERE tenant = $1 AND phase_id = $2",
            town.slug,
            town.voting.phase_id,
        )
        tallies = {
            r["input_id"]: r["votes"]
            for r in await conn.fetch(
                "SELECT input_id, votes FROM vote_tally WHERE tenant = $1 AND phase_id = $2",
                town.slug,
                town.voting.phase_id,
            )
        }
        replies = await conn.fetch(
            "SELECT c.author_user_id AS author, p.author_user_id AS parent_author "
            "FROM comment c JOIN comment p ON p.comment_id = c.parent_comment_id "
            "WHERE c.tenant = $1 AND c.input_id = $2",
            town.slug,
            town.busy_input_id,
        )
    finally:
        await conn.close()
    return {
        "votes": Counter((r["voter_user_id"], r["input_id"]) for r in rows),
        "tallies": tallies,
        "replies": [(r["author"], r["parent_author"]) for r in replies],
    }


async def _notification_tallies(h: harness.Harness, town: Municipality) -> dict[str, int]:
    conn = await checks.connect(h, "notifications")
    try:
        rows = await conn.fetch(
            "SELECT DISTINCT ON (key) key, value FROM tally_sample "
            "WHERE tenant = $1 AND kind = 'votes' ORDER BY key, at DESC, value DESC",
            town.slug,
        )
    finally:
        await conn.close()
    return {r["key"]: r["value"] for r in rows}


async def _mails(h: harness.Harness, town: Municipality) -> Counter[str]:
    async with httpx.AsyncClient(trust_env=False, timeout=30) as http:
        response = await http.get(
            f"{h.endpoints.mail_api_url}/messages", params={"to": town.mail_domain}
        )
        response.raise_for_status()
    found: Counter[str] = Counter()
    for message in response.json():
        for rcpt in message.get("rcpt_tos", []):
            # The tenant's bootstrap invitation is identity's, not part of the surge.
            if rcpt.endswith(town.mail_domain) and not rcpt.startswith("bootstrap@"):
                found[rcpt] += 1
    return found


async def _wait_mails(
    h: harness.Harness, town: Municipality, expected: Counter[str], within: float
) -> Counter[str]:
    deadline = time.monotonic() + within
    while True:
        found = await _mails(h, town)
        if sum(found.values()) >= sum(expected.values()) or time.monotonic() > deadline:
            await asyncio.sleep(2)  # a duplicate would arrive right after
            return await _mails(h, town)
        await asyncio.sleep(1)


async def run(smoke: bool, out: Path) -> dict[str, Any]:
    began = time.monotonic()
    with harness.platform("chaos") as h:
        return await on_platform(h, smoke, out, time.monotonic() - began)


async def on_platform(
    h: harness.Harness,
    smoke: bool,
    out: Path,
    started: float,
    town: Municipality | None = None,
) -> dict[str, Any]:
    """`town`: a municipality whose votes nobody cast yet (the smoke run's, after the
    reading surge); by default one of this size is made."""
    size = SMOKE if smoke else FULL
    began = time.monotonic()
    town = town or await prepare(
        h, residents=size.residents, reading_inputs=20, voting_inputs=size.voting_inputs
    )
    # Seeding made no mails; whatever arrives for this town's domain comes from now on.
    surge = Surge(h, town, size)
    surge_began = time.monotonic()
    surge_task = asyncio.create_task(surge.run())
    faults = await _faults(h, surge, size)
    if not size.drain:
        surge.stop.set()
    await surge_task
    await surge.client.aclose()
    _recoveries(faults, surge.ledger, size.settle)
    surge_seconds = time.monotonic() - surge_began
    recovery_began = time.monotonic()
    delivered = await checks.wait_delivered(h, town.slug, 180)
    delivery_seconds = time.monotonic() - recovery_began
    counted = await _counted(h, town)
    authors = {p.user_id: p.email for p in town.residents}
    expected_mails = Counter(
        authors[parent] for author, parent in counted["replies"] if author != parent
    )
    mails = await _wait_mails(h, town, expected_mails, 120)
    read_model = await _notification_tallies(h, town)
    doc = _document(
        smoke, size, town, surge, faults, counted, delivered, expected_mails, mails, read_model
    )
    doc.update(
        platform_start_seconds=round(started, 1),
        surge_seconds=round(surge_seconds, 1),
        all_events_delivered_after_seconds=round(delivery_seconds, 1),
        seconds=round(time.monotonic() - began + started, 1),
    )
    report.write(out, "chaos-smoke" if smoke else "chaos", doc, report.chaos_markdown)
    return doc


def _document(
    smoke: bool,
    size: Size,
    town: Municipality,
    surge: Surge,
    faults: list[Fault],
    counted: dict[str, Any],
    delivered: checks.Delivery,
    expected_mails: Counter[str],
    mails: Counter[str],
    read_model: dict[str, int],
) -> dict[str, Any]:
    ledger = surge.ledger
    votes: Counter[tuple[str, str]] = counted["votes"]
    counted_set = set(votes)
    per_input = Counter(input_id for _, input_id in votes.elements())
    return {
        "kind": "smoke" if smoke else "full",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "size": size.__dict__,
        "votes": {
            "attempted": len(ledger.accepted) + len(ledger.rejected) + len(ledger.unresolved),
            "accepted": len(ledger.accepted),
            "rejected": len(ledger.rejected),
            "rejected_by_status": dict(Counter(map(str, ledger.rejected.values()))),
            "unresolved": len(ledger.unresolved),
            "retries": ledger.retries,
            "answers": dict(ledger.answers),
            "counted": sum(votes.values()),
            "lost": len(ledger.accepted - counted_set),
            "duplicated": sum(n - 1 for n in votes.values() if n > 1),
            "counted_though_rejected": len(counted_set & set(ledger.rejected)),
            "counted_never_accepted": len(counted_set - ledger.accepted - ledger.unresolved),
            "tallies_wrong": sum(1 for i, n in per_input.items() if counted["tallies"].get(i) != n),
            "notifications_tallies_wrong": sum(
                1 for i, n in per_input.items() if read_model.get(i) != n
            ),
        },
        "events": {
            "total": delivered.events,
            "unpublished": delivered.unpublished,
            "missing": delivered.missing,
        },
        "mails": {
            "replies_accepted": len(ledger.replies_accepted),
            "replies_unknown": ledger.replies_unknown,
            "replies_stored": len(counted["replies"]),
            "expected": sum(expected_mails.values()),
            "sent": sum(mails.values()),
            "lost": sum((expected_mails - mails).values()),
            "duplicated": sum((mails - expected_mails).values()),
        },
        "faults": [f.__dict__ for f in faults],
    }


def chaos_ok(doc: dict[str, Any]) -> bool:
    v, e, m = doc["votes"], doc["events"], doc["mails"]
    return (
        v["accepted"] > 0
        and v["lost"] == 0
        and v["duplicated"] == 0
        and v["counted_though_rejected"] == 0
        and v["counted_never_accepted"] == 0
        and v["unresolved"] == 0
        and v["tallies_wrong"] == 0
        and v["notifications_tallies_wrong"] == 0
        and e["unpublished"] == 0
        and not any(e["missing"].values())
        and m["lost"] == 0
        and m["duplicated"] == 0
        and all(f["recovered_seconds"] >= 0 for f in doc["faults"])
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    doc = asyncio.run(run(args.smoke, args.out))
    print(report.chaos_markdown(doc))
    return 0 if chaos_ok(doc) else 1


if __name__ == "__main__":
    sys.exit(main())
