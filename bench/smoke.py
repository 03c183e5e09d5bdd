"""`make smoke`: the short versions of bench, fuzz and chaos on ONE platform.

Starting the platform (databases, migrations, six services) is the slowest part on a
busy 2-core machine; sharing it keeps the smoke run to a few minutes. Chaos runs last:
it kills and restarts processes and servers.

    python -m bench.smoke [--out bench/results]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from pathlib import Path

from bench import bench, chaos, fuzz, harness, report

log = logging.getLogger("bench")
_ONLY: tuple[str, ...] = ()


async def run(out: Path, seed: int, attach: Path | None = None) -> dict[str, bool]:
    began = time.monotonic()
    if attach is not None:
        from bench import dev

        return await _all(dev.load(attach), out, seed, 0.0, began)
    with harness.platform("smoke") as h:
        return await _all(h, out, seed, time.monotonic() - began, began)


async def _all(
    h: harness.Harness, out: Path, seed: int, started: float, began: float
) -> dict[str, bool]:
    verdicts: dict[str, bool] = {}
    only = _ONLY or ("bench", "fuzz", "chaos")
    if "bench" in only:
        document = await bench.on_platform(h, True, out, started)
        print(report.bench_markdown(document))
        verdicts["bench"] = report.bench_ok(document)
    if "fuzz" in only:
        document = await fuzz.on_platform(h, True, seed, out, 0.0)
        print(report.fuzz_markdown(document))
        verdicts["fuzz"] = fuzz.fuzz_ok(document)
    if "chaos" in only:
        document = await chaos.on_platform(h, True, out, 0.0)
        print(report.chaos_markdown(document))
        verdicts["chaos"] = chaos.chaos_ok(document)
    log.info("smoke %s in %.0fs", verdicts, time.monotonic() - began)
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
