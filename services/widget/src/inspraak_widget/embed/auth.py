"""Who may use the widget configurator: the IT officer, communications and the superadmin.
The widgets themselves are public: they show only what anyone may see."""

from typing import Annotated

from fastapi import Depends

from inspraak_shared.auth import Principal, TenantRole, require_roles

WidgetEditor = Annotated[
    Principal,
    Depends(require_roles(TenantRole.IT_ADMIN, TenantRole.COMMUNICATIONS, TenantRole.SUPERADMIN)),
]
