"""The phase scheduler: announces each phase's start and end once, when it happens.

State lives in the database (`started_announced_at`/`ended_announced_at`), set in the
same transaction as the outbox event: a restart resumes where it stopped, a crash
before the commit announces nothing, and two schedulers never claim the same phase.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable
from datetime import datetime

from inspraak_projects.common.clock import utcnow
from inspraak_projects.phases import repository
from inspraak_projects.projects.events import emit_project
from inspraak_projects.projects.models import Project
from inspraak_shared.db import SessionFactory

logger = logging.getLogger("inspraak.projects.scheduler")

MOMENTS = (("start", "started"), ("end", "ended"))


class PhaseScheduler:
    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        interval_seconds: float = 5.0,
        batch_size: int = 100,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._session_factory = session_factory
        self._interval = interval_seconds
        self._batch_size = batch_size
        self._clock = clock

    async def tick(self) -> int:
        """Announce what is due now; returns how many announcements were made."""
        announced = 0
        async with self._session_factory() as session, session.begin():
            now = self._clock()
            for moment, verb in MOMENTS:
                claimed = await repository.claim_due(session, moment, now, self._batch_size)
                for phase_id, project_id in claimed:
                    project = await session.get(Project, project_id)
                    assert project is not None  # the claim joined on it
                    await emit_project(
                        session, project, verb, entity="phase", phase_id=str(phase_id)
                    )
                announced += len(claimed)
        return announced

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                announced = await self.tick()
            except Exception:
                logger.exception("phase scheduler round failed; retrying")
                announced = 0
            if announced >= self._batch_size:
                continue  # more may be due: no pause
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self._interval)
