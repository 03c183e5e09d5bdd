"""Throwaway tenant realms on the real Keycloak, for the test suites.

Stands in for the identity service's realm provisioning: a realm per test run with a
password-grant client whose tokens carry the `inspraak-api` audience and the
`inspraak_scopes` claim, users with realm roles and scoped roles, tokens by password grant,
and signing-key rotation. Every test package builds its own fixtures on these pieces.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from keycloak import KeycloakAdmin, KeycloakOpenID

API_AUDIENCE = "inspraak-api"
PASSWORD = "Correct-Horse-42"  # noqa: S105 (test users of a throwaway realm)
API_CLIENT = "inspraak-test"
MASTER = "master"


def audience_mapper() -> dict[str, Any]:
    """Puts `inspraak-api` in the access token's audience."""
    return {
        "name": "inspraak-api-audience",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-audience-mapper",
        "config": {
            "included.custom.audience": API_AUDIENCE,
            "access.token.claim": "true",
            "id.token.claim": "false",
        },
    }


def scopes_mapper() -> dict[str, Any]:
    """Copies the user's `inspraak_scopes` attribute into the access token."""
    return {
        "name": "inspraak-scopes",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "config": {
            "user.attribute": "inspraak_scopes",
            "claim.name": "inspraak_scopes",
            "multivalued": "true",
            "jsonType.label": "String",
            "access.token.claim": "true",
            "id.token.claim": "false",
        },
    }


def password_client(
    client_id: str = API_CLIENT,
    *,
    audience: bool = True,
    scopes: bool = True,
    lifespan_seconds: int | None = None,
) -> dict[str, Any]:
    """A public client that hands out tokens by password grant (no browser flow)."""
    mappers = ([audience_mapper()] if audience else []) + ([scopes_mapper()] if scopes else [])
    client: dict[str, Any] = {
        "clientId": client_id,
        "publicClient": True,
        "directAccessGrantsEnabled": True,
        "standardFlowEnabled": False,
        "protocolMappers": mappers,
    }
    if lifespan_seconds:
        client["attributes"] = {"access.token.lifespan": str(lifespan_seconds)}
    return client


def create_realm(
    admin: KeycloakAdmin,
    prefix: str,
    *,
    clients: Iterable[dict[str, Any]],
    roles: Iterable[str],
    access_token_lifespan: int | None = None,
    unmanaged_attributes: bool = True,
) -> str:
    """Create a realm named `<prefix>-<random>` with these clients and realm roles.

    `unmanaged_attributes` lets users carry attributes the user profile does not declare
    (Keycloak 24+ drops them otherwise), which the `inspraak_scopes` attribute needs.
    Returns the realm's name; the admin client is left on the master realm.
    """
    name = f"{prefix}-{secrets.token_hex(3)}"
    payload: dict[str, Any] = {"realm": name, "enabled": True}
    if access_token_lifespan is not None:
        payload["accessTokenLifespan"] = access_token_lifespan
    admin.create_realm(payload, skip_exists=False)
    admin.change_current_realm(name)
    try:
        if unmanaged_attributes:
            profile = admin.get_realm_users_profile()
            profile["unmanagedAttributePolicy"] = "ADMIN_EDIT"
            admin.update_realm_users_profile(profile)
        for client in clients:
            admin.create_client(client)
        for role in roles:
            admin.create_realm_role({"name": role}, skip_exists=True)
    finally:
        admin.change_current_realm(MASTER)
    return name


def add_user(
    admin: KeycloakAdmin,
    realm: str,
    username: str,
    *,
    roles: Iterable[str],
    scopes: Sequence[str] | None = None,
    first_name: str | None = None,
) -> str:
    """Create an enabled, verified user with password `PASSWORD` and these realm roles.

    `scopes` become the `inspraak_scopes` attribute; with None the user has no attributes.
    """
    user: dict[str, Any] = {
        "username": username,
        "email": f"{username}@example.org",
        "firstName": first_name if first_name is not None else username.title(),
        "lastName": "Tester",
        "enabled": True,
        "emailVerified": True,
        "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
    }
    if scopes is not None:
        user["attributes"] = {"inspraak_scopes": list(scopes)}
    admin.change_current_realm(realm)
    try:
        user_id = str(admin.create_user(user))
        realm_roles = [admin.get_realm_role(role) for role in roles]
        if realm_roles:
            admin.assign_realm_roles(user_id, realm_roles)
        return user_id
    finally:
        admin.change_current_realm(MASTER)


def password_token(server_url: str, realm: str, username: str, client_id: str = API_CLIENT) -> str:
    """An access token for this user by password grant."""
    client = KeycloakOpenID(server_url=server_url, realm_name=realm, client_id=client_id)
    return str(client.token(username, PASSWORD)["access_token"])


def rotate_signing_key(admin: KeycloakAdmin, realm: str) -> None:
    """Add a newer RSA key with a higher priority: Keycloak signs new tokens with it."""
    admin.change_current_realm(realm)
    try:
        realm_id = admin.get_realm(realm)["id"]
        admin.create_component(
            {
                "name": f"rotated-{secrets.token_hex(2)}",
                "providerId": "rsa-generated",
                "providerType": "org.keycloak.keys.KeyProvider",
                "parentId": realm_id,
                "config": {
                    "priority": ["500"],
                    "keySize": ["2048"],
                    "active": ["true"],
                    "enabled": ["true"],
                    "algorithm": ["RS256"],
                },
            }
        )
    finally:
        admin.change_current_realm(MASTER)


@dataclass
class Person:
    """A user of a `PeopleRealm`, with an access token fetched when they were created."""

    username: str
    user_id: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class PeopleRealm:
    """One tenant (its realm name is the tenant slug) whose people are created on first use."""

    admin: KeycloakAdmin
    server_url: str
    name: str
    _people: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def create(
        cls,
        admin: KeycloakAdmin,
        server_url: str,
        prefix: str,
        *,
        roles: Iterable[str],
        access_token_lifespan: int = 3600,
    ) -> PeopleRealm:
        name = create_realm(
            admin,
            prefix,
            clients=[password_client()],
            roles=roles,
            access_token_lifespan=access_token_lifespan,
        )
        return cls(admin, server_url, name)

    def person(
        self, username: str, roles: tuple[str, ...] = ("user",), scopes: tuple[str, ...] = ()
    ) -> Person:
        """A user with these realm roles and scoped roles, created on first use, with a token."""
        if username in self._people:
            return self._people[username]
        user_id = add_user(
            self.admin,
            self.name,
            username,
            roles=roles,
            scopes=scopes,
            first_name=username.split("-")[0].title(),
        )
        token = password_token(self.server_url, self.name, username)
        person = Person(username, user_id, token)
        self._people[username] = person
        return person

    def delete(self) -> None:
        self.admin.delete_realm(self.name)
