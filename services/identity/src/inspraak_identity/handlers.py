"""The events this service consumes, with the handler of each.

`identity-widget` (`widget.domains.changed`) is not listed: its handler needs Keycloak, so
it runs as the worker loop `tenants.handlers.consume_widget_domains` (see manifest.py).
"""

from inspraak_identity.projects.handlers import (
    DEPARTMENT_EVENTS,
    PROJECT_EVENTS,
    on_department_event,
    on_project_event,
)
from inspraak_shared.events import ConsumerSpec, Handler

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = [
    (PROJECT_EVENTS, on_project_event),
    (DEPARTMENT_EVENTS, on_department_event),
]
