"""Who may do what with departments."""

import uuid
from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, ScopedRoleName, TenantRole, require_roles

Superadmin = Annotated[Principal, Depends(require_roles(TenantRole.SUPERADMIN))]

TENANT_READERS = (TenantRole.SUPERADMIN, TenantRole.POLICY_MAKER, TenantRole.COMMUNICATIONS)


def heads(principal: Principal | None, department_id: uuid.UUID) -> bool:
    return principal is not None and principal.has_scoped_role(
        ScopedRoleName.DEPARTMENT_HEAD, str(department_id)
    )


def can_see_team(principal: Principal, department_id: uuid.UUID) -> bool:
    return principal.has_role(*TENANT_READERS) or heads(principal, department_id)
