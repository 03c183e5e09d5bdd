"""Verifies Keycloak access tokens: signature (realm JWKS), issuer, audience, expiry."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import jwt
from jwt.exceptions import InvalidTokenError

from inspraak_shared.auth.jwks import JwksCache, KeyNotFoundError
from inspraak_shared.auth.principal import (
    AREA_CLAIM,
    SCOPED_ROLES_CLAIM,
    Principal,
    ScopedRole,
)
from inspraak_shared.tenancy import validate_tenant_slug

# Asymmetric only: an HS256 token "signed" with the public key, or alg none, is refused.
ALLOWED_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")
LEEWAY_SECONDS = 30


class TokenRejectedError(Exception):
    """The token is not acceptable; the message is safe to show to the caller."""


@dataclass(frozen=True)
class RealmEndpoint:
    """Where a tenant's realm lives: the issuer in its tokens and where its keys are."""

    realm: str
    issuer: str
    jwks_url: str


# Given a token's issuer, where its realm's keys are; None for an issuer we do not trust.
RealmLocator = Callable[[str], RealmEndpoint | None]


def keycloak_locator(instances: Mapping[str, str]) -> RealmLocator:
    """Tenant realms on one or more trusted Keycloak instances.

    `instances` maps each instance's public base URL (as it appears in tokens' `iss`) to
    the base URL this service reaches it at. Operators spread municipalities over several
    instances, because one Keycloak slows down past a few hundred realms.
    """
    trusted = {public.rstrip("/"): internal.rstrip("/") for public, internal in instances.items()}

    def locate(issuer: str) -> RealmEndpoint | None:
        base, separator, realm = issuer.rpartition("/realms/")
        if not separator or base not in trusted:
            return None
        try:
            validate_tenant_slug(realm)
        except ValueError:
            return None  # master and other non-tenant realms never authenticate residents
        return RealmEndpoint(
            realm=realm,
            issuer=issuer,
            jwks_url=f"{trusted[base]}/realms/{realm}/protocol/openid-connect/certs",
        )

    return locate


def single_keycloak_locator(public_base_url: str, internal_base_url: str) -> RealmLocator:
    return keycloak_locator({public_base_url: internal_base_url})


class TokenVerifier:
    def __init__(
        self,
        jwks: JwksCache,
        locate_realm: RealmLocator,
        audience: str,
        *,
        leeway_seconds: int = LEEWAY_SECONDS,
    ) -> None:
        self._jwks = jwks
        self._locate_realm = locate_realm
        self._audience = audience
        self.leeway = leeway_seconds

    async def verify(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except InvalidTokenError as exc:
            raise TokenRejectedError("The token is malformed.") from exc
        algorithm = header.get("alg")
        if algorithm not in ALLOWED_ALGORITHMS:
            raise TokenRejectedError("The token's signing algorithm is not accepted.")
        issuer = unverified.get("iss")
        endpoint = self._locate_realm(issuer) if isinstance(issuer, str) else None
        if endpoint is None:
            raise TokenRejectedError("The token was not issued by a known tenant realm.")
        kid = header.get("kid")
        if not kid:
            raise TokenRejectedError("The token names no signing key.")
        try:
            key = await self._jwks.key(endpoint.jwks_url, kid)
        except KeyNotFoundError as exc:
            raise TokenRejectedError("The token's signing key is unknown.") from exc
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=[algorithm],
                audience=self._audience,
                issuer=endpoint.issuer,
                leeway=self.leeway,
                options={"require": ["exp", "iat", "iss", "sub", "aud"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenRejectedError("The token has expired.") from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenRejectedError("The token is not meant for this API.") from exc
        except InvalidTokenError as exc:
            raise TokenRejectedError("The token is not valid.") from exc
        return principal_from_claims(endpoint.realm, claims)


def principal_from_claims(tenant: str, claims: dict[str, Any]) -> Principal:
    roles = claims.get("realm_access", {}).get("roles", [])
    scoped = (ScopedRole.parse(v) for v in claims.get(SCOPED_ROLES_CLAIM, []) if isinstance(v, str))
    return Principal(
        tenant=tenant,
        user_id=str(claims["sub"]),
        username=str(claims.get("preferred_username", claims["sub"])),
        roles=frozenset(r for r in roles if isinstance(r, str)),
        scoped_roles=frozenset(s for s in scoped if s is not None),
        area_id=_area_from_claims(claims),
    )


def _area_from_claims(claims: dict[str, Any]) -> str | None:
    """The declared area; Keycloak may send a user attribute as a string or a list."""
    value = claims.get(AREA_CLAIM)
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()
