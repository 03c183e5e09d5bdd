"""The events this service consumes, with the handler of each."""

from inspraak_shared.events import ConsumerSpec, Handler

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = []
