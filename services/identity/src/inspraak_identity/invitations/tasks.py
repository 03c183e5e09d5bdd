"""The worker's invitation sweeper: expired invitations are marked and announced."""

import asyncio
import contextlib
import logging

from inspraak_identity.config import IdentitySettings
from inspraak_identity.invitations import service
from inspraak_shared.service import ServiceRuntime

logger = logging.getLogger("inspraak.identity.invitations")


async def expire_invitations(runtime: ServiceRuntime) -> None:
    """Every `invitation_sweep_seconds`, until the runtime stops."""
    settings = runtime.settings
    interval = settings.invitation_sweep_seconds if isinstance(settings, IdentitySettings) else 60
    while not runtime.stop.is_set():
        try:
            async with runtime.session_factory() as session:
                expired = await service.expire_due(session)
                await session.commit()
            if expired:
                logger.info("%d invitations expired", expired)
                continue  # there may be more due
        except Exception:
            logger.exception("invitation sweep failed; trying again")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(runtime.stop.wait(), timeout=interval)
