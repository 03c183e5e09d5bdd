"""The events this service consumes, with the handler of each."""

from inspraak_shared.events import ConsumerSpec, Handler
from inspraak_widget.catalog.handlers import (
    CONTRIBUTIONS_CONSUMER,
    PROJECTS_CONSUMER,
    on_contributions_event,
    on_projects_event,
)
from inspraak_widget.sites.handlers import IDENTITY_CONSUMER, on_identity_event

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = [
    (IDENTITY_CONSUMER, on_identity_event),
    (PROJECTS_CONSUMER, on_projects_event),
    (CONTRIBUTIONS_CONSUMER, on_contributions_event),
]
