"""A throwaway tenant realm on the real Keycloak: the `inspraak-web` client the gateway signs
people in with, a password-grant client for API tokens, and people to sign in as.

Stands in for the identity service's realm provisioning (copied from the shared library's
test support, with the web client added).
"""

import secrets
from dataclasses import dataclass

from keycloak import KeycloakAdmin, KeycloakOpenID

API_AUDIENCE = "inspraak-api"
PASSWORD = "Correct-Horse-42"
WEB_CLIENT = "inspraak-web"
API_CLIENT = "inspraak-test"


@dataclass(frozen=True)
class TestRealm:
    name: str
    server_url: str
    admin: KeycloakAdmin

    def token(self, username: str) -> str:
        client = KeycloakOpenID(
            server_url=self.server_url, realm_name=self.name, client_id=API_CLIENT
        )
        return str(client.token(username, PASSWORD)["access_token"])

    def add_user(self, username: str, roles: tuple[str, ...] = ("user",)) -> str:
        self.admin.change_current_realm(self.name)
        try:
            user_id = self.admin.create_user(
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
            self.admin.assign_realm_roles(
                user_id, [self.admin.get_realm_role(role) for role in roles]
            )
            return str(user_id)
        finally:
            self.admin.change_current_realm("master")

    def delete(self) -> None:
        self.admin.delete_realm(self.name)


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


def create_realm(
    admin: KeycloakAdmin, server_url: str, prefix: str, *, web_redirect_uris: list[str]
) -> TestRealm:
    name = f"{prefix}-{secrets.token_hex(3)}"
    admin.create_realm({"realm": name, "enabled": True}, skip_exists=False)
    admin.change_current_realm(name)
    try:
        admin.create_client(
            {
                "clientId": API_CLIENT,
                "publicClient": True,
                "directAccessGrantsEnabled": True,
                "standardFlowEnabled": False,
                "protocolMappers": [_audience_mapper()],
            }
        )
        admin.create_client(
            {
                "clientId": WEB_CLIENT,
                "publicClient": True,
                "standardFlowEnabled": True,
                "directAccessGrantsEnabled": False,
                "redirectUris": web_redirect_uris,
                "attributes": {
                    "pkce.code.challenge.method": "S256",
                    "post.logout.redirect.uris": "+",
                },
                "protocolMappers": [_audience_mapper()],
            }
        )
        for role in ("superadmin", "user"):
            admin.create_realm_role({"name": role}, skip_exists=True)
    finally:
        admin.change_current_realm("master")
    return TestRealm(name, server_url, admin)
