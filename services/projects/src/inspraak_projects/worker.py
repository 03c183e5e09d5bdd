"""Worker entry point: the outbox relay, event consumers and the phase scheduler, without HTTP."""

from inspraak_projects.manifest import MANIFEST
from inspraak_shared import worker


def main() -> None:
    worker.main(MANIFEST)
