"""A test realm on the real Keycloak (a tenant), with users to get tokens for.

Copied in part from the shared library's test support (services do not import each other's
tests): realm, client with the audience and scopes mappers, users with realm roles.
"""

import secrets
from dataclasses import dataclass, field

from keycloak import KeycloakAdmin, KeycloakOpenID

API_AUDIENCE = "inspraak-api"
PASSWORD = "Correct-Horse-42"
ROLES = ("superadmin", "policy_maker", "communications", "it_admin", "user")


@dataclass
class Realm:
    name: str
    server_url: str
    user_ids: dict[str, str] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str) -> str:
        if username not in self._tokens:
            client = KeycloakOpenID(
                server_url=self.server_url, realm_name=self.name, client_id="inspraak-test"
            )
            self._tokens[username] = client.token(username, PASSWORD)["access_token"]
        return self._tokens[username]

    def headers(self, username: str, tenant: str | None = None) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token(username)}",
            "X-Inspraak-Tenant": tenant or self.name,
        }


def _client() -> dict:
    return {
        "clientId": "inspraak-test",
        "publicClient": True,
        "directAccessGrantsEnabled": True,
        "standardFlowEnabled": False,
        "attributes": {"access.token.lifespan": "3600"},
        "protocolMappers": [
            {
                "name": "inspraak-api-audience",
                "protocol": "openid-connect",
                "protocolMapper": "oidc-audience-mapper",
                "config": {
                    "included.custom.audience": API_AUDIENCE,
                    "access.token.claim": "true",
                    "id.token.claim": "false",
                },
            }
        ],
    }


def create_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> Realm:
    name = f"{prefix}-{secrets.token_hex(3)}"
    admin.create_realm({"realm": name, "enabled": True}, skip_exists=False)
    admin.change_current_realm(name)
    try:
        admin.create_client(_client())
        for role in ROLES:
            admin.create_realm_role({"name": role}, skip_exists=True)
    finally:
        admin.change_current_realm("master")
    return Realm(name, server_url)


def add_user(admin: KeycloakAdmin, realm: Realm, username: str, *, roles: list[str]) -> str:
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
                "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
            }
        )
        admin.assign_realm_roles(user_id, [admin.get_realm_role(role) for role in roles])
    finally:
        admin.change_current_realm("master")
    realm.user_ids[username] = user_id
    return user_id


def delete_realm(admin: KeycloakAdmin, realm: Realm) -> None:
    admin.delete_realm(realm.name)
