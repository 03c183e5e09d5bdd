"""FastAPI dependencies: the caller's principal, and requirements on their roles.

A domain's `auth.py` builds its `Annotated` dependencies from these; no route
decodes a token itself.
"""

from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from inspraak_shared.auth.principal import Principal
from inspraak_shared.auth.verifier import TokenRejectedError, TokenVerifier
from inspraak_shared.problems import Forbidden, Unauthorized
from inspraak_shared.tenancy import RequestTenant

_bearer = HTTPBearer(auto_error=False, description="A Keycloak access token of the tenant's realm")


def _verifier(request: Request) -> TokenVerifier:
    return request.app.state.token_verifier  # type: ignore[no-any-return]


async def optional_principal(
    request: Request,
    tenant: RequestTenant,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal | None:
    if credentials is None:
        return None
    try:
        principal = await _verifier(request).verify(credentials.credentials)
    except TokenRejectedError as exc:
        raise Unauthorized(str(exc)) from exc
    if principal.tenant != tenant:
        raise Forbidden("This account belongs to another municipality.", slug="wrong-tenant")
    return principal


async def current_principal(
    principal: Annotated[Principal | None, Depends(optional_principal)],
) -> Principal:
    if principal is None:
        raise Unauthorized("Sign in to do this.")
    return principal


OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
CurrentPrincipal = Annotated[Principal, Depends(current_principal)]

PrincipalDependency = Callable[..., Coroutine[Any, Any, Principal]]


def require_roles(*roles: str) -> PrincipalDependency:
    """The caller must hold one of the tenant-wide roles."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if not principal.has_role(*roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(roles)}.")
        return principal

    return dependency


def require_scoped_role(
    role: str, *, path_param: str, or_roles: tuple[str, ...] = ("superadmin",)
) -> PrincipalDependency:
    """The caller holds `role` on the scope named by a path parameter (or a tenant-wide role)."""

    async def dependency(request: Request, principal: CurrentPrincipal) -> Principal:
        scope_id = str(request.path_params.get(path_param, ""))
        if principal.has_role(*or_roles) or principal.has_scoped_role(role, scope_id):
            return principal
        raise Forbidden(f"This needs the role {role} on this {path_param.removesuffix('_id')}.")

    return dependency
