"""The timed work: daily and weekly digests, and preparing and auto-sending policy updates.

Runs every `scheduler_interval_seconds` on the injected clock; every step is idempotent
through unique keys (digest runs, one update per period), so replicas and restarts
never send twice. Each tenant's steps commit on their own: one failing tenant does
not hold up the others.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_notifications.clock import Clock
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.digests import service as digests
from inspraak_notifications.directory import repository as directory
from inspraak_notifications.directory.models import TenantInfo
from inspraak_notifications.policy_updates import service as policy_updates
from inspraak_shared.db import SessionFactory

logger = logging.getLogger("inspraak.notifications.scheduler")

Step = Callable[[AsyncSession, TenantInfo, datetime], Awaitable[object]]


class Scheduler:
    def __init__(
        self, session_factory: SessionFactory, settings: NotificationsSettings, clock: Clock
    ) -> None:
        self._session_factory = session_factory
        self._settings = settings
        self._clock = clock

    def _steps(self) -> list[tuple[str, Step]]:
        hour = self._settings.digest_hour
        return [
            ("daily digest", lambda s, t, now: digests.send_daily(s, t, now, hour)),
            ("weekly digest", lambda s, t, now: digests.send_weekly(s, t, now, hour)),
            ("policy update draft", policy_updates.prepare_due),
            ("policy update auto-send", lambda s, t, now: policy_updates.send_due(s, t.slug, now)),
        ]

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                await self.tick()
            except Exception:
                logger.exception("scheduler round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    stop.wait(), timeout=self._settings.scheduler_interval_seconds
                )

    async def tick(self) -> None:
        async with self._session_factory() as session:
            tenants = await directory.tenants(session)
        for tenant in tenants:
            for name, step in self._steps():
                await self._run_step(name, step, tenant)

    async def _run_step(self, name: str, step: Step, tenant: TenantInfo) -> None:
        async with self._session_factory() as session:
            try:
                await step(session, tenant, self._clock.now())
                await session.commit()
            except Exception:
                await session.rollback()
                logger.exception("%s for %s failed", name, tenant.slug)
