"""A relay in its own process, so a test can kill it between JetStream's ack and the mark."""

import argparse
import asyncio
import os

import nats

from inspraak_shared.db import create_engine, create_session_factory
from inspraak_shared.events import OutboxRelay

CRASH_EXIT_CODE = 17


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("nats_url")
    parser.add_argument("event_id", help="only this event's row matters to the test")
    parser.add_argument("--crash-after-publish", action="store_true")
    args = parser.parse_args()

    async def crash(row, _ack) -> None:
        if row.event_id == args.event_id:
            os._exit(CRASH_EXIT_CODE)  # no cleanup, no commit: like a SIGKILL

    engine = create_engine(args.database_url, pool_size=1)
    client = await nats.connect(args.nats_url)
    relay = OutboxRelay(
        create_session_factory(engine),
        client.jetstream(),
        after_publish=crash if args.crash_after_publish else None,
    )
    while await relay.publish_pending():
        pass
    print(f"duplicates_seen={relay.duplicates_seen}")
    await client.drain()
    await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
