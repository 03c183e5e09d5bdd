"""Worker entry point: relay, consumers, mail delivery and the scheduler, without HTTP."""

import asyncio
import signal

from inspraak_notifications.background import start_background
from inspraak_notifications.clock import SystemClock
from inspraak_notifications.manifest import MANIFEST
from inspraak_shared.service import ServiceRuntime, configure_process_logging, running


async def run_worker() -> None:
    settings = MANIFEST.settings_factory()
    configure_process_logging(MANIFEST, settings)
    runtime = ServiceRuntime.build(MANIFEST, settings)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, runtime.stop.set)
    async with running(runtime, with_worker=True):
        start_background(runtime, SystemClock())
        await runtime.stop.wait()


def main() -> None:
    asyncio.run(run_worker())
