"""Every event this service emits goes through here: into the outbox, same transaction."""

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_shared.events import enqueue, new_event

SERVICE = "projects"


def emit(
    session: AsyncSession,
    *,
    tenant: str,
    entity: str,
    verb: str,
    subject: str,
    data: dict[str, Any],
) -> None:
    enqueue(
        session,
        new_event(
            tenant=tenant, service=SERVICE, entity=entity, verb=verb, subject=subject, data=data
        ),
    )
