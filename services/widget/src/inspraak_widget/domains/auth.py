"""Who may manage a tenant's web addresses: its IT officer and its superadmin."""

from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, TenantRole, require_roles

DOMAIN_MANAGERS = (TenantRole.IT_ADMIN, TenantRole.SUPERADMIN)

DomainManager = Annotated[Principal, Depends(require_roles(*DOMAIN_MANAGERS))]
