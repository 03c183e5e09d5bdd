"""A throwaway tenant realm on the real Keycloak: the `inspraak-web` client the gateway signs
people in with, a password-grant client for API tokens, and people to sign in as.

Built on the test tooling's `inspraak_stack.keycloak_realms`, with the web client added.
"""

from dataclasses import dataclass

from keycloak import KeycloakAdmin

from inspraak_stack import keycloak_realms
from inspraak_stack.keycloak_realms import API_AUDIENCE, PASSWORD, audience_mapper, password_client

__all__ = [
    "API_AUDIENCE",
    "API_CLIENT",
    "PASSWORD",
    "WEB_CLIENT",
    "TestRealm",
    "create_realm",
]

WEB_CLIENT = "inspraak-web"
API_CLIENT = keycloak_realms.API_CLIENT


@dataclass(frozen=True)
class TestRealm:
    name: str
    server_url: str
    admin: KeycloakAdmin

    def token(self, username: str) -> str:
        return keycloak_realms.password_token(self.server_url, self.name, username, API_CLIENT)

    def add_user(self, username: str, roles: tuple[str, ...] = ("user",)) -> str:
        return keycloak_realms.add_user(self.admin, self.name, username, roles=roles)

    def delete(self) -> None:
        self.admin.delete_realm(self.name)


def create_realm(
    admin: KeycloakAdmin, server_url: str, prefix: str, *, web_redirect_uris: list[str]
) -> TestRealm:
    web_client = {
        "clientId": WEB_CLIENT,
        "publicClient": True,
        "standardFlowEnabled": True,
        "directAccessGrantsEnabled": False,
        "redirectUris": web_redirect_uris,
        "attributes": {
            "pkce.code.challenge.method": "S256",
            "post.logout.redirect.uris": "+",
        },
        "protocolMappers": [audience_mapper()],
    }
    name = keycloak_realms.create_realm(
        admin,
        prefix,
        clients=[password_client(API_CLIENT, scopes=False), web_client],
        roles=("superadmin", "user"),
        unmanaged_attributes=False,
    )
    return TestRealm(name, server_url, admin)
