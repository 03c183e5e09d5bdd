"""Who may manage areas and topics: the superadmin (everyone reads them)."""

from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, TenantRole, require_roles

Superadmin = Annotated[Principal, Depends(require_roles(TenantRole.SUPERADMIN))]
