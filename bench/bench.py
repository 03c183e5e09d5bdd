"""`make bench`: voting surge, reading surge and conversation through the gateway, each
beside a baseline measured in the same run; read-model lag; memory per service.

    python -m bench.bench [--smoke] [--out bench/results]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import platform as host_platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench import checks, harness, loadgen, report
from bench.tenant import Municipality, prepare
from inspraak_stack.platform import free_port

log = logging.getLogger("bench")

RESULTS = Path(__file__).with_name("results")


@dataclass(frozen=True)
class Size:
    residents: int
    users: int  # concurrency of the load generator
    reading_inputs: int
    voting_inputs: int
    votes_each: int
    reactions_each: int
    reading_loops: int
    comments_each: int
    comment_reactions_each: int
    max_seconds: int


# Sized for a shared 2-core machine: the whole full run stays around ten minutes.
FULL = Size(
    residents=120, users=30, reading_inputs=1000, voting_inputs=30, votes_each=5,
    reactions_each=2, reading_loops=400, comments_each=2, comment_reactions_each=4,
    max_seconds=75,
)  # fmt: skip
# The smoke run (CI): the reading surge only, with its baseline, so that it changes no data
# and `make smoke` can hand the same municipality to chaos afterwards.
SMOKE = Size(
    residents=10, users=5, reading_inputs=100, voting_inputs=4, votes_each=3,
    reactions_each=1, reading_loops=15, comments_each=1, comment_reactions_each=2,
    max_seconds=20,
)  # fmt: skip
ALL_SCENARIOS = ("reading", "voting", "conversation")
SMOKE_SCENARIOS = ("reading",)
WRITERS = {"voting": "VotingResident", "conversation": "ConversingResident"}


async def prepare_town(h: harness.Harness, size: Size) -> Municipality:
    """The municipality the scenarios (and the smoke run's chaos) work in."""
    return await prepare(
        h,
        residents=size.residents,
        reading_inputs=size.reading_inputs,
        voting_inputs=size.voting_inputs,
        budget=size is not SMOKE,
    )


def _plan(h: harness.Harness, town: Municipality, size: Size) -> dict[str, Any]:
    assert town.reading
    assert town.voting
    residents = [
        {"token": p.token, "address": f"10.{1 + i // 250}.{i % 250}.2"}
        for i, p in enumerate(town.residents)
    ]
    return {
        "base_url": h.gateway,
        "host": town.host,
        "residents": residents,
        "voting": {
            "project_id": town.voting.project_id,
            "phase_id": town.voting.phase_id,
            "input_ids": town.voting.input_ids,
        },
        "budget": {
            "project_id": town.budget.project_id,
            "phase_id": town.budget.phase_id,
            "item_ids": town.budget.item_ids,
        }
        if town.budget
        else None,
        "reading": {
            "project_id": town.reading.project_id,
            "slug": town.reading.slug,
            "input_ids": town.reading.input_ids,
            "detail_id": town.reading.input_ids[-1],
            "busy_id": town.busy_input_id,
            "comment_ids": town.comment_ids,
        },
        "votes_each": size.votes_each,
        "reactions_each": size.reactions_each,
        "comments_each": size.comments_each,
        "comment_reactions_each": size.comment_reactions_each,
    }


class Baseline:
    """The minimal ASGI app, as its own uvicorn process on the same private PostgreSQL."""

    def __init__(self, dsn: str, cached_json: bytes) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="bench-baseline-"))
        (self.folder / "cached.json").write_bytes(cached_json)
        port = free_port()  # two runs side by side must not share (or steal) a baseline
        env = {**os.environ, "BASELINE_DSN": dsn, "BASELINE_JSON": str(self.folder / "cached.json")}
        argv = [
            sys.executable, "-m", "uvicorn", "--factory", "bench.baseline:create_app",
            "--host", "127.0.0.1", "--port", str(port), "--no-access-log",
            "--log-level", "warning",
        ]  # fmt: skip
        root = Path(__file__).resolve().parent.parent
        env["PYTHONPATH"] = f"{root}{os.pathsep}{env.get('PYTHONPATH', '')}"
        self.process = subprocess.Popen(argv, env=env, cwd=root)
        self.url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{self.url}/read", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("the baseline app did not start")
            time.sleep(0.2)

    def rss(self) -> int:
        return harness.rss_bytes(self.process.pid)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _ratios(ours: loadgen.Figures, base: loadgen.Figures) -> dict[str, float]:
    def div(a: float, b: float) -> float:
        return round(a / b, 3) if b else 0.0

    return {
        "rps_ratio": div(ours.rps, base.rps),
        "p50_ratio": div(ours.p50_ms, base.p50_ms),
        "p95_ratio": div(ours.p95_ms, base.p95_ms),
        "p99_ratio": div(ours.p99_ms, base.p99_ms),
    }


async def _widget_counts(h: harness.Harness, town: Municipality) -> dict[str, Any]:
    """Does the widget's catalog show the reactions the surge gave (its `up` counts)?"""
    assert town.voting
    contributions = await checks.connect(h, "contributions")
    widget = await checks.connect(h, "widget")
    try:
        real = {
            r["item_id"]: r["up"]
            for r in await contributions.fetch(
                "SELECT item_id, count(*) FILTER (WHERE value = 'up') AS up FROM reaction "
                "WHERE tenant = $1 AND project_id = $2 AND item_type = 'input' GROUP BY item_id",
                town.slug,
                town.voting.project_id,
            )
        }
        shown = {
            r["input_id"]: r["up"]
            for r in await widget.fetch(
                "SELECT input_id, up FROM catalog_input WHERE tenant = $1 AND project_id = $2",
                town.slug,
                town.voting.project_id,
            )
        }
    finally:
        await contributions.close()
        await widget.close()
    matching = sum(1 for key, up in real.items() if shown.get(key) == up)
    return {"inputs_with_reactions": len(real), "widget_matches": matching}


async def run(smoke: bool, out: Path) -> dict[str, Any]:
    began = time.monotonic()
    with harness.platform("bench") as h:
        return await on_platform(h, smoke, out, time.monotonic() - began)


async def on_platform(
    h: harness.Harness,
    smoke: bool,
    out: Path,
    started: float,
    town: Municipality | None = None,
) -> dict[str, Any]:
    size = SMOKE if smoke else FULL
    began = time.monotonic()
    memory_idle = h.memory()  # with `town` given: after that town's setup
    town = town or await prepare_town(h, size)
    await asyncio.sleep(2)
    memory_rest = h.memory()
    plan = _plan(h, town, size)
    sample = h.memory
    assert town.reading
    inputs_url = f"{h.gateway}/api/v1/contributions/projects/{town.reading.project_id}/inputs"
    async with httpx.AsyncClient(trust_env=False, timeout=30) as http:
        cached = (await http.get(inputs_url, headers={"Host": town.host})).content
    baseline = await asyncio.to_thread(Baseline, h.baseline_dsn, cached)
    try:
        names = SMOKE_SCENARIOS if smoke else ALL_SCENARIOS
        results = await asyncio.to_thread(_scenarios, h, town, plan, size, sample, baseline, names)
    finally:
        baseline.close()
    delivered = await checks.wait_delivered(h, town.slug, 120)
    lag_notifications = await checks.lag(
        h, town.slug, ".votes.changed", "notifications", "notifications-contributions"
    )
    lag_widget_inputs = await checks.lag(
        h, town.slug, ".input.created", "widget", "widget-contributions"
    )
    widget = await _widget_counts(h, town)
    memory_after = h.memory()
    document = {
        "kind": "smoke" if smoke else "full",
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "platform_start_seconds": round(started, 1),
        "size": size.__dict__,
        "scenarios": results,
        "read_model_lag": {
            "notifications_votes_changed": lag_notifications,
            "widget_input_created": lag_widget_inputs,
            "widget_reflects_reactions": widget,
        },
        "delivery": {
            "events": delivered.events,
            "unpublished": delivered.unpublished,
            "missing": delivered.missing,
        },
        "memory_bytes": {"idle": memory_idle, "rest": memory_rest, "after": memory_after},
        "seconds": round(time.monotonic() - began + started, 1),
    }
    report.write(out, "bench-smoke" if smoke else "bench", document, report.bench_markdown)
    return document


def _scenarios(
    h: harness.Harness,
    town: Municipality,
    plan: dict[str, Any],
    size: Size,
    sample: Any,
    baseline: Baseline,
    names: tuple[str, ...] = ALL_SCENARIOS,
) -> dict[str, Any]:
    """Each scenario and, right after, the baseline with the same users and requests."""

    def load(user_class: str, extra: dict[str, Any], sampler: Any) -> loadgen.Figures:
        return loadgen.run(
            user_class, extra, users=size.users, max_seconds=size.max_seconds, sample_memory=sampler
        )

    def base_plan(items: int) -> dict[str, Any]:
        return {"base_url": baseline.url, "host": "127.0.0.1", "work_items": items}

    def base_sample() -> dict[str, int]:
        return {"baseline": baseline.rss()}

    pairs: dict[str, tuple[loadgen.Figures, loadgen.Figures]] = {}
    # Reading first: it does not change the data the other two read.
    if "reading" in names:
        reading = load("ReadingResident", {**plan, "work_items": size.reading_loops}, sample)
        base_read = load("BaselineReader", base_plan(reading.requests), base_sample)
        pairs["reading"] = (reading, base_read)
    writes = {
        name: load(user_class, {**plan, "work_items": size.residents}, sample)
        for name, user_class in (
            ("voting", "VotingResident"),
            ("conversation", "ConversingResident"),
        )
        if name in names
    }
    if writes:
        most = max(figures.requests for figures in writes.values())
        base_write = load("BaselineWriter", base_plan(most), base_sample)
        pairs.update({name: (ours, base_write) for name, ours in writes.items()})
    return {
        name: {"ours": ours.as_dict(), "baseline": base.as_dict(), **_ratios(ours, base)}
        for name, (ours, base) in pairs.items()
    }


def _machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "python": host_platform.python_version(),
        "system": host_platform.platform(),
        "load_average_1m_at_end": round(load[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="small and quick (CI)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    document = asyncio.run(run(args.smoke, args.out))
    print(report.bench_markdown(document))
    return 0 if report.bench_ok(document) else 1


if __name__ == "__main__":
    sys.exit(main())
