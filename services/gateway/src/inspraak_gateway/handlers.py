"""The events this service consumes, with the handler of each."""

from inspraak_gateway.branding.handlers import IDENTITY_CONSUMER, on_identity_event
from inspraak_shared.events import ConsumerSpec, Handler

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = [(IDENTITY_CONSUMER, on_identity_event)]
