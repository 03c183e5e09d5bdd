"""A throwaway tenant realm on the real Keycloak, with clients and users to get tokens for.

Stands in for the identity service's realm provisioning in the shared library's tests.
"""

import secrets
from dataclasses import dataclass

from keycloak import KeycloakAdmin, KeycloakOpenID

API_AUDIENCE = "inspraak-api"
PASSWORD = "Correct-Horse-42"


@dataclass(frozen=True)
class RealmFixture:
    name: str
    server_url: str

    def token(self, username: str, client_id: str = "inspraak-test") -> str:
        client = KeycloakOpenID(
            server_url=self.server_url, realm_name=self.name, client_id=client_id
        )
        return client.token(username, PASSWORD)["access_token"]


def _audience_mapper() -> dict:
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


def _scopes_mapper() -> dict:
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


def _client(client_id: str, *, audience: bool, lifespan_seconds: int | None = None) -> dict:
    mappers = [_scopes_mapper()] + ([_audience_mapper()] if audience else [])
    attributes = {"access.token.lifespan": str(lifespan_seconds)} if lifespan_seconds else {}
    return {
        "clientId": client_id,
        "publicClient": True,
        "directAccessGrantsEnabled": True,
        "standardFlowEnabled": False,
        "protocolMappers": mappers,
        "attributes": attributes,
    }


def create_test_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> RealmFixture:
    name = f"{prefix}-{secrets.token_hex(3)}"
    admin.create_realm({"realm": name, "enabled": True}, skip_exists=False)
    admin.change_current_realm(name)
    # Keycloak 24+ drops attributes its user profile does not declare; allow ours.
    profile = admin.get_realm_users_profile()
    profile["unmanagedAttributePolicy"] = "ADMIN_EDIT"
    admin.update_realm_users_profile(profile)
    admin.create_client(_client("inspraak-test", audience=True))
    admin.create_client(_client("other-app", audience=False))
    admin.create_client(_client("short-lived", audience=True, lifespan_seconds=1))
    for role in ("superadmin", "policy_maker", "user"):
        admin.create_realm_role({"name": role}, skip_exists=True)
    admin.change_current_realm("master")
    return RealmFixture(name, server_url)


def add_user(
    admin: KeycloakAdmin,
    realm: RealmFixture,
    username: str,
    *,
    roles: list[str],
    scopes: list[str] | None = None,
) -> str:
    admin.change_current_realm(realm.name)
    try:
        user_id = admin.create_user(
            {
                "username": username,
                "email": f"{username}@example.org",
                "firstName": username.title(),
                "lastName": "Tester",
                "enabled": True,
                "emailVerified": True,
                "attributes": {"inspraak_scopes": scopes or []},
                "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
            }
        )
        realm_roles = [admin.get_realm_role(role) for role in roles]
        if realm_roles:
            admin.assign_realm_roles(user_id, realm_roles)
        return user_id
    finally:
        admin.change_current_realm("master")


def rotate_signing_key(admin: KeycloakAdmin, realm: RealmFixture) -> None:
    """Add a newer RSA key with a higher priority: Keycloak signs new tokens with it."""
    admin.change_current_realm(realm.name)
    try:
        realm_id = admin.get_realm(realm.name)["id"]
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
        admin.change_current_realm("master")
