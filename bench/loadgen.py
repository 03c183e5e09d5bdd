"""Run one Locust scenario headless as a subprocess and read its figures back."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("bench")

LOCUSTFILE = Path(__file__).with_name("locustfile.py")


@dataclass
class Figures:
    scenario: str
    users: int
    requests: int
    failures: int
    seconds: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_request: dict[str, dict[str, float]] = field(default_factory=dict)
    failure_samples: list[str] = field(default_factory=list)
    memory_peak: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _float(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def run(
    user_class: str,
    plan: dict[str, Any],
    *,
    users: int,
    max_seconds: int,
    sample_memory: Callable[[], dict[str, int]] | None = None,
) -> Figures:
    with tempfile.TemporaryDirectory(prefix="bench-locust-") as folder:
        plan_path = Path(folder) / "plan.json"
        plan_path.write_text(json.dumps(plan))
        failures_path = Path(folder) / "failures.txt"
        argv = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), user_class,
            "--headless", "--users", str(users), "--spawn-rate", str(users),
            "--run-time", f"{max_seconds}s", "--stop-timeout", "5",
            "--json", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ]  # fmt: skip
        env = {**os.environ, "BENCH_PLAN": str(plan_path), "BENCH_FAILURES": str(failures_path)}
        peak: dict[str, int] = {}
        stop = threading.Event()
        sampler = threading.Thread(target=_sample, args=(sample_memory, peak, stop), daemon=True)
        sampler.start()
        done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        stop.set()
        sampler.join()
        if done.returncode != 0:
            raise RuntimeError(f"locust {user_class} failed:\n{done.stderr[-3000:]}")
        figures = _read(json.loads(done.stdout), user_class, users)
        if failures_path.exists():
            figures.failure_samples = failures_path.read_text().splitlines()[:10]
        figures.memory_peak = peak
        return figures


def _sample(
    sample: Callable[[], dict[str, int]] | None, peak: dict[str, int], stop: threading.Event
) -> None:
    while sample is not None and not stop.is_set():
        for name, value in sample().items():
            peak[name] = max(peak.get(name, 0), value)
        stop.wait(0.5)


def _percentiles(histogram: Counter[float]) -> tuple[float, float, float]:
    """p50, p95, p99 from Locust's histogram of rounded response times (ms)."""
    total = sum(histogram.values())
    found: list[float] = []
    for q in (0.50, 0.95, 0.99):
        rank, seen = q * total, 0
        for value in sorted(histogram):
            seen += histogram[value]
            if seen >= rank:
                found.append(value)
                break
        else:
            found.append(0.0)
    return found[0], found[1], found[2]


def _read(entries: list[dict[str, Any]], scenario: str, users: int) -> Figures:
    merged: Counter[float] = Counter()
    per_request: dict[str, dict[str, float]] = {}
    for entry in entries:
        histogram = Counter({float(k): v for k, v in entry["response_times"].items()})
        merged.update(histogram)
        seconds = max(entry["last_request_timestamp"] - entry["start_time"], 1e-3)
        p50, p95, p99 = _percentiles(histogram)
        per_request[entry["name"]] = {
            "requests": entry["num_requests"],
            "failures": entry["num_failures"],
            "rps": round(entry["num_requests"] / seconds, 1),
            "p50_ms": p50,
            "p95_ms": p95,
            "p99_ms": p99,
        }
    requests = sum(e["num_requests"] for e in entries)
    began = min((e["start_time"] for e in entries), default=0.0)
    ended = max((e["last_request_timestamp"] or 0.0 for e in entries), default=0.0)
    seconds = max(ended - began, 1e-3)
    p50, p95, p99 = _percentiles(merged)
    return Figures(
        scenario=scenario,
        users=users,
        requests=requests,
        failures=sum(e["num_failures"] for e in entries),
        seconds=round(seconds, 2),
        rps=round(requests / seconds, 1) if requests else 0.0,
        p50_ms=p50,
        p95_ms=p95,
        p99_ms=p99,
        per_request=per_request,
    )
