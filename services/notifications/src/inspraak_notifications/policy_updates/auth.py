"""Who may see and send policy-maker updates.

The superadmin prepares and sends them; policy makers (the audience) and the
communications officer (who plans evaluation moments) may read the sent copies.
"""

from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, TenantRole, require_roles

Superadmin = Annotated[Principal, Depends(require_roles(TenantRole.SUPERADMIN))]
Reader = Annotated[
    Principal,
    Depends(
        require_roles(TenantRole.SUPERADMIN, TenantRole.POLICY_MAKER, TenantRole.COMMUNICATIONS)
    ),
]
