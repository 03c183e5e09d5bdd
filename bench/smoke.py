"""`make smoke`: short versions of bench, fuzz and chaos on ONE platform (CI).

What it proves, in a minute or two on a quiet machine: the reading surge and its baseline
give a ratio; a sample of the API fuzzed as anonymous, resident and project moderator,
plus a few hostile requests, gives no 5xx and only problem documents; and a few votes
through the gateway are each counted exactly once across one kill -9 of contributions.

Starting the platform is the slowest part: one platform is shared, and the
municipalities of all three are set up side by side. The reading surge changes no data,
so chaos votes in the same municipality afterwards; chaos runs last because it kills.

    python -m bench.smoke [--out bench/results] [--only bench|fuzz|chaos]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path
from typing import Any

from bench import bench, chaos, fuzz, harness, report

log = logging.getLogger("bench")
_ONLY: tuple[str, ...] = ()


async def run(out: Path, seed: int, attach: Path | None = None) -> dict[str, bool]:
    began = time.monotonic()
    if attach is not None:
        from bench import dev

        return await _all(dev.load(attach), out, seed, 0.0, began)
    # No PostgreSQL restart in the smoke run: the stack's server spares an initdb.
    with harness.platform("smoke", private_postgres=False) as h:
        return await _all(h, out, seed, time.monotonic() - began, began)


async def _towns(h: harness.Harness, only: tuple[str, ...]) -> tuple[Any, Any]:
    """The bench/chaos municipality and fuzz's two, set up at the same time."""

    async def none() -> None:
        return None

    needs_town = "bench" in only or "chaos" in only
    return await asyncio.gather(
        bench.prepare_town(h, bench.SMOKE) if needs_town else none(),
        fuzz.prepare_towns(h, fuzz.SMOKE) if "fuzz" in only else none(),
    )


async def _all(
    h: harness.Harness, out: Path, seed: int, started: float, began: float
) -> dict[str, bool]:
    verdicts: dict[str, bool] = {}
    only = _ONLY or ("bench", "fuzz", "chaos")
    setup_began = time.monotonic()
    town, fuzz_towns = await _towns(h, only)
    seconds = {"platform": round(started, 1), "setup": round(time.monotonic() - setup_began, 1)}
    if "bench" in only:
        step = time.monotonic()
        document = await bench.on_platform(h, True, out, started, town=town)
        print(report.bench_markdown(document))
        verdicts["bench"] = report.bench_ok(document)
        seconds["bench"] = round(time.monotonic() - step, 1)
    if "fuzz" in only:
        step = time.monotonic()
        document = await fuzz.on_platform(h, True, seed, out, 0.0, towns=fuzz_towns)
        print(report.fuzz_markdown(document))
        verdicts["fuzz"] = fuzz.fuzz_ok(document)
        seconds["fuzz"] = round(time.monotonic() - step, 1)
    if "chaos" in only:
        step = time.monotonic()
        document = await chaos.on_platform(h, True, out, 0.0, town=town)
        print(report.chaos_markdown(document))
        verdicts["chaos"] = chaos.chaos_ok(document)
        seconds["chaos"] = round(time.monotonic() - step, 1)
    seconds["total"] = round(time.monotonic() - began, 1)
    log.info("smoke %s; seconds %s", verdicts, seconds)
    print(f"smoke: {verdicts}, seconds {seconds}")
    return verdicts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=bench.RESULTS)
    parser.add_argument("--seed", type=int, default=20261129)
    parser.add_argument("--attach", type=Path, help="a platform kept up by bench.dev")
    parser.add_argument("--only", action="append", choices=["bench", "fuzz", "chaos"])
    args = parser.parse_args(argv)
    global _ONLY
    _ONLY = tuple(args.only or ())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    verdicts = asyncio.run(run(args.out, args.seed, args.attach))
    return 0 if all(verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
