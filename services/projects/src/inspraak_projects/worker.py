"""Worker entry point: the outbox relay, event consumers and the phase scheduler, without HTTP."""

import asyncio
import signal

from inspraak_projects.background import start_scheduler
from inspraak_projects.manifest import MANIFEST
from inspraak_shared.service import ServiceRuntime, configure_process_logging, running


async def run_worker() -> None:
    settings = MANIFEST.settings_factory()
    configure_process_logging(MANIFEST, settings)
    runtime = ServiceRuntime.build(MANIFEST, settings)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, runtime.stop.set)
    async with running(runtime, with_worker=True):
        start_scheduler(runtime)
        await runtime.stop.wait()


def main() -> None:
    asyncio.run(run_worker())
