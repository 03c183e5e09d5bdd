"""Who may read someone's e-mail and names: the person, a superadmin, or the head of a
department the person works in. Not support: no standing access to personal data."""

from typing import Annotated

from fastapi import Depends, Request

from inspraak_identity.roles import service as roles
from inspraak_identity.roles.auth import Actor
from inspraak_shared.auth import CurrentPrincipal, TenantRole
from inspraak_shared.db import DbSession
from inspraak_shared.problems import Forbidden


async def contact_reader(
    request: Request, principal: CurrentPrincipal, session: DbSession
) -> Actor:
    if principal.has_role(TenantRole.SUPERADMIN):
        return Actor(principal, TenantRole.SUPERADMIN.value)
    departments = await roles.department_ids(session, principal.tenant, principal.user_id)
    if departments:
        return Actor(principal, "department_head", departments)
    raise Forbidden(
        "Contact details are for a superadmin or the person's department head.",
        slug="contact-details-restricted",
    )


ContactReader = Annotated[Actor, Depends(contact_reader)]
