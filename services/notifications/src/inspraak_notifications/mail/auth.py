"""Who may see the mail outbox: the superadmin of the tenant."""

from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, TenantRole, require_roles

Superadmin = Annotated[Principal, Depends(require_roles(TenantRole.SUPERADMIN))]
