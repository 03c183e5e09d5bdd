"""Worker entry point: the outbox relay and event consumers without HTTP."""

from inspraak_notifications.manifest import MANIFEST
from inspraak_shared import worker


def main() -> None:
    worker.main(MANIFEST)
