"""A throwaway tenant realm on the real Keycloak, with users to get tokens for.

Copied from the shared library's test support (services do not import each other's
tests); it adds the `communications` role and a token lifespan that outlasts the suite.
"""

import secrets
from dataclasses import dataclass, field

from keycloak import KeycloakAdmin, KeycloakOpenID

API_AUDIENCE = "inspraak-api"
PASSWORD = "Correct-Horse-42"
CLIENT_ID = "inspraak-test"
ROLES = ("superadmin", "policy_maker", "communications", "user")


@dataclass
class RealmFixture:
    name: str
    server_url: str
    user_ids: dict[str, str] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str) -> str:
        if username not in self._tokens:
            client = KeycloakOpenID(
                server_url=self.server_url, realm_name=self.name, client_id=CLIENT_ID
            )
            self._tokens[username] = client.token(username, PASSWORD)["access_token"]
        return self._tokens[username]


def _client() -> dict:
    return {
        "clientId": CLIENT_ID,
        "publicClient": True,
        "directAccessGrantsEnabled": True,
        "standardFlowEnabled": False,
        "protocolMappers": [
            {
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
            },
            {
                "name": "inspraak-api-audience",
                "protocol": "openid-connect",
                "protocolMapper": "oidc-audience-mapper",
                "config": {
                    "included.custom.audience": API_AUDIENCE,
                    "access.token.claim": "true",
                    "id.token.claim": "false",
                },
            },
        ],
    }


def create_test_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> RealmFixture:
    name = f"{prefix}-{secrets.token_hex(3)}"
    # Tokens live as long as the suite: they are fetched once per user and reused.
    admin.create_realm(
        {"realm": name, "enabled": True, "accessTokenLifespan": 1800}, skip_exists=False
    )
    admin.change_current_realm(name)
    try:
        # Keycloak 24+ drops attributes its user profile does not declare; allow ours.
        profile = admin.get_realm_users_profile()
        profile["unmanagedAttributePolicy"] = "ADMIN_EDIT"
        admin.update_realm_users_profile(profile)
        admin.create_client(_client())
        for role in ROLES:
            admin.create_realm_role({"name": role}, skip_exists=True)
    finally:
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
    finally:
        admin.change_current_realm("master")
    realm.user_ids[username] = user_id
    return user_id
