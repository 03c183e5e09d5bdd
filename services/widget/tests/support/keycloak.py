"""A throwaway tenant realm on the real Keycloak, with people in every role of PRODUCT.md.

Stands in for the identity service's realm provisioning (copied from the shared
library's test support, not imported: packages do not import each other's tests).
"""

import secrets
from dataclasses import dataclass, field

from keycloak import KeycloakAdmin, KeycloakOpenID

API_AUDIENCE = "inspraak-api"
PASSWORD = "Correct-Horse-42"
CLIENT_ID = "inspraak-test"
REALM_ROLES = ("superadmin", "policy_maker", "communications", "it_admin", "user")


def _client() -> dict:
    return {
        "clientId": CLIENT_ID,
        "publicClient": True,
        "directAccessGrantsEnabled": True,
        "standardFlowEnabled": False,
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
            },
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
        ],
    }


@dataclass
class Person:
    username: str
    user_id: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class TestRealm:
    """One tenant: its realm name is the tenant slug."""

    admin: KeycloakAdmin
    server_url: str
    name: str
    _people: dict[str, Person] = field(default_factory=dict)

    def person(
        self, username: str, roles: tuple[str, ...] = ("user",), scopes: tuple[str, ...] = ()
    ) -> Person:
        """A user with these realm roles and scoped roles, created on first use, with a token."""
        if username in self._people:
            return self._people[username]
        self.admin.change_current_realm(self.name)
        try:
            user_id = self.admin.create_user(
                {
                    "username": username,
                    "email": f"{username}@example.org",
                    "firstName": username.split("-")[0].title(),
                    "lastName": "Tester",
                    "enabled": True,
                    "emailVerified": True,
                    "attributes": {"inspraak_scopes": list(scopes)},
                    "credentials": [{"type": "password", "value": PASSWORD, "temporary": False}],
                }
            )
            self.admin.assign_realm_roles(
                user_id, [self.admin.get_realm_role(role) for role in roles]
            )
        finally:
            self.admin.change_current_realm("master")
        oidc = KeycloakOpenID(server_url=self.server_url, realm_name=self.name, client_id=CLIENT_ID)
        token = oidc.token(username, PASSWORD)["access_token"]
        person = Person(username, user_id, token)
        self._people[username] = person
        return person

    def delete(self) -> None:
        self.admin.delete_realm(self.name)


def create_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> TestRealm:
    name = f"{prefix}-{secrets.token_hex(3)}"
    admin.create_realm(
        {"realm": name, "enabled": True, "accessTokenLifespan": 3600}, skip_exists=False
    )
    admin.change_current_realm(name)
    try:
        # Keycloak 24+ drops attributes its user profile does not declare; allow ours.
        profile = admin.get_realm_users_profile()
        profile["unmanagedAttributePolicy"] = "ADMIN_EDIT"
        admin.update_realm_users_profile(profile)
        admin.create_client(_client())
        for role in REALM_ROLES:
            admin.create_realm_role({"name": role}, skip_exists=True)
    finally:
        admin.change_current_realm("master")
    return TestRealm(admin, server_url, name)
