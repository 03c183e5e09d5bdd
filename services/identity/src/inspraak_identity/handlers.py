"""The events this service consumes, with the handler of each."""

from inspraak_identity.projects.handlers import PROJECT_EVENTS, on_project_event
from inspraak_shared.events import ConsumerSpec, Handler

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = [(PROJECT_EVENTS, on_project_event)]
