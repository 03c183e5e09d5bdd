"""For working on the tools: keep one platform up and attach runs to it.

python -m bench.dev up            # starts, writes .stack/bench-dev.pickle, waits for SIGTERM
python -m bench.smoke --attach .stack/bench-dev.pickle
"""

from __future__ import annotations

import logging
import pickle
import sys
import time
from pathlib import Path

from bench import harness
from inspraak_stack import config


def state_file() -> Path:
    return config.state_dir() / "bench-dev.pickle"


def load(path: Path) -> harness.Harness:
    return pickle.loads(path.read_bytes())  # noqa: S301 (our own file)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with harness.platform("bench") as h:
        state_file().write_bytes(pickle.dumps(h))
        print(f"up: {state_file()}", flush=True)
        try:
            while True:
                time.sleep(3600)
        finally:
            state_file().unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
