"""A service's worker process: the outbox relay and its event consumers, without HTTP."""

import asyncio
import signal

from inspraak_shared.service import (
    ServiceManifest,
    ServiceRuntime,
    configure_process_logging,
    running,
)


async def run_worker(manifest: ServiceManifest) -> None:
    settings = manifest.settings_factory()
    configure_process_logging(manifest, settings)
    runtime = ServiceRuntime.build(manifest, settings)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, runtime.stop.set)
    async with running(runtime, with_worker=True):
        await runtime.stop.wait()


def main(manifest: ServiceManifest) -> None:
    asyncio.run(run_worker(manifest))
