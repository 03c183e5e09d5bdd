"""The events this service consumes, with the handler of each."""

from inspraak_contributions.privacy.handlers import IDENTITY_CONSUMER, handle_user_erased
from inspraak_contributions.projects.handlers import PROJECTS_CONSUMER, handle_project_event
from inspraak_contributions.roles.handlers import ROLES_CONSUMER, handle_role_event
from inspraak_contributions.tenants.handlers import TENANTS_CONSUMER, handle_tenant_deleted
from inspraak_shared.events import ConsumerSpec, Handler

CONSUMERS: list[tuple[ConsumerSpec, Handler]] = [
    (PROJECTS_CONSUMER, handle_project_event),
    (IDENTITY_CONSUMER, handle_user_erased),
    (ROLES_CONSUMER, handle_role_event),
    (TENANTS_CONSUMER, handle_tenant_deleted),
]
