"""Keycloak token verification and role checks."""

from inspraak_shared.auth.dependencies import (
    CurrentPrincipal,
    OptionalPrincipal,
    require_roles,
    require_scoped_role,
)
from inspraak_shared.auth.jwks import JwksCache
from inspraak_shared.auth.principal import (
    AREA_CLAIM,
    PlatformRole,
    Principal,
    ScopedRole,
    ScopedRoleName,
    TenantRole,
)
from inspraak_shared.auth.verifier import (
    RealmEndpoint,
    TokenRejectedError,
    TokenVerifier,
    keycloak_locator,
    single_keycloak_locator,
)

__all__ = [
    "AREA_CLAIM",
    "CurrentPrincipal",
    "JwksCache",
    "OptionalPrincipal",
    "PlatformRole",
    "Principal",
    "RealmEndpoint",
    "ScopedRole",
    "ScopedRoleName",
    "TenantRole",
    "TokenRejectedError",
    "TokenVerifier",
    "keycloak_locator",
    "require_roles",
    "require_scoped_role",
    "single_keycloak_locator",
]
