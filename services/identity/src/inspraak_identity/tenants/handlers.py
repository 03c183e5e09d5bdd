"""Consumes the widget service's `widget.domains.changed`: the realm follows the tenant's
host names (redirect URIs and web origins of `inspraak-web`).

The handler needs the Keycloak gateway and the settings, which the shared manifest's
`(session, event)` handlers cannot reach; so this consumer runs as a worker loop that
builds the shared `EventConsumer` with a handler bound to the runtime's resources.
"""

import asyncio
import contextlib
import logging

from pydantic import ValidationError
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_identity.config import IdentitySettings
from inspraak_identity.keycloak.admin import KeycloakGateway
from inspraak_identity.tenants import service
from inspraak_identity.tenants.schemas import WidgetDomains
from inspraak_shared.events import CloudEvent, ConsumerSpec, EventConsumer, stream_name
from inspraak_shared.service import ServiceRuntime

logger = logging.getLogger("inspraak.identity.tenants")

WIDGET_DOMAIN_EVENTS = ConsumerSpec(
    durable="identity-widget",
    stream=stream_name("widget"),
    filter_subjects=["inspraak.*.widget.domains.changed"],
)


class WidgetDomainsHandler:
    """`(session, event)` for the shared consumer, with Keycloak at hand."""

    def __init__(self, keycloak: KeycloakGateway, settings: IdentitySettings) -> None:
        self._keycloak = keycloak
        self._settings = settings

    async def __call__(self, session: AsyncSession, event: CloudEvent) -> None:
        try:
            change = WidgetDomains.model_validate(event.data)
        except ValidationError as exc:
            # Retrying cannot make these host names valid; the next change may be.
            logger.warning("widget domains of %s ignored: %s", event.tenant, exc)
            return
        await service.follow_widget_domains(
            session, self._keycloak, self._settings, event.tenant, change
        )


async def consume_widget_domains(runtime: ServiceRuntime) -> None:
    """The `identity-widget` consumer, until the runtime stops."""
    settings = runtime.settings
    assert isinstance(settings, IdentitySettings)
    keycloak = KeycloakGateway(settings)
    consumer = EventConsumer(
        WIDGET_DOMAIN_EVENTS,
        WidgetDomainsHandler(keycloak, settings),
        runtime.session_factory,
        runtime.nats.js,
        tracer=runtime.telemetry.tracer("inspraak.identity"),
    )
    try:
        while not runtime.stop.is_set():
            try:
                await consumer.run(runtime.stop)
            except Exception:
                # A NATS hiccup must not end the consumer for the life of the process;
                # unacked events come again and the inbox keeps that harmless.
                logger.exception("identity-widget consumer failed; restarting")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(runtime.stop.wait(), timeout=1.0)
    finally:
        await keycloak.aclose()
