"""The event contract (CloudEvents 1.0 on NATS JetStream) and its reliable delivery."""

from inspraak_shared.events.consumer import ConsumerSpec, EventConsumer, Handler
from inspraak_shared.events.envelope import CloudEvent, new_event
from inspraak_shared.events.outbox import InboxMessage, OutboxMessage, enqueue
from inspraak_shared.events.relay import OutboxRelay
from inspraak_shared.events.streams import (
    DEADLETTER_STREAM,
    ensure_deadletter_stream,
    ensure_service_stream,
    stream_name,
)

__all__ = [
    "DEADLETTER_STREAM",
    "CloudEvent",
    "ConsumerSpec",
    "EventConsumer",
    "Handler",
    "InboxMessage",
    "OutboxMessage",
    "OutboxRelay",
    "enqueue",
    "ensure_deadletter_stream",
    "ensure_service_stream",
    "new_event",
    "stream_name",
]
