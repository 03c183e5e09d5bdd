"""Path redirects are part of the web addresses: the IT officer and the superadmin manage them."""

from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, TenantRole, require_roles

RedirectManager = Annotated[
    Principal, Depends(require_roles(TenantRole.IT_ADMIN, TenantRole.SUPERADMIN))
]
