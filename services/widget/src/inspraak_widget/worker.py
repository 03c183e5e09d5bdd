"""Worker entry point: the outbox relay and event consumers without HTTP."""

from inspraak_shared import worker
from inspraak_widget.manifest import MANIFEST


def main() -> None:
    worker.main(MANIFEST)
