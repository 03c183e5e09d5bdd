"""A throwaway tenant realm on the real Keycloak, with clients and users to get tokens for.

Stands in for the identity service's realm provisioning in the shared library's tests; the
building blocks come from the test tooling's `inspraak_stack.keycloak_realms`.
"""

from dataclasses import dataclass

from keycloak import KeycloakAdmin

from inspraak_stack import keycloak_realms
from inspraak_stack.keycloak_realms import API_AUDIENCE, PASSWORD, password_client

__all__ = [
    "API_AUDIENCE",
    "PASSWORD",
    "RealmFixture",
    "add_user",
    "create_test_realm",
    "rotate_signing_key",
]


@dataclass(frozen=True)
class RealmFixture:
    name: str
    server_url: str

    def token(self, username: str, client_id: str = "inspraak-test") -> str:
        return keycloak_realms.password_token(self.server_url, self.name, username, client_id)


def create_test_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> RealmFixture:
    name = keycloak_realms.create_realm(
        admin,
        prefix,
        clients=[
            password_client("inspraak-test"),
            password_client("other-app", audience=False),
            password_client("short-lived", lifespan_seconds=1),
        ],
        roles=("superadmin", "policy_maker", "user"),
    )
    return RealmFixture(name, server_url)


def add_user(
    admin: KeycloakAdmin,
    realm: RealmFixture,
    username: str,
    *,
    roles: list[str],
    scopes: list[str] | None = None,
) -> str:
    return keycloak_realms.add_user(admin, realm.name, username, roles=roles, scopes=scopes or [])


def rotate_signing_key(admin: KeycloakAdmin, realm: RealmFixture) -> None:
    """Add a newer RSA key with a higher priority: Keycloak signs new tokens with it."""
    keycloak_realms.rotate_signing_key(admin, realm.name)
