"""A test realm on the real Keycloak (a tenant), with users to get tokens for.

Built on the test tooling's `inspraak_stack.keycloak_realms`: realm, client with the
audience mapper, users with realm roles.
"""

from dataclasses import dataclass, field

from keycloak import KeycloakAdmin

from inspraak_stack import keycloak_realms
from inspraak_stack.keycloak_realms import API_AUDIENCE, PASSWORD, password_client

__all__ = [
    "API_AUDIENCE",
    "PASSWORD",
    "ROLES",
    "Realm",
    "add_user",
    "create_realm",
    "delete_realm",
]

ROLES = ("superadmin", "policy_maker", "communications", "it_admin", "user")


@dataclass
class Realm:
    name: str
    server_url: str
    user_ids: dict[str, str] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str) -> str:
        if username not in self._tokens:
            self._tokens[username] = keycloak_realms.password_token(
                self.server_url, self.name, username
            )
        return self._tokens[username]

    def headers(self, username: str, tenant: str | None = None) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token(username)}",
            "X-Inspraak-Tenant": tenant or self.name,
        }


def create_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> Realm:
    name = keycloak_realms.create_realm(
        admin,
        prefix,
        clients=[password_client(scopes=False, lifespan_seconds=3600)],
        roles=ROLES,
        unmanaged_attributes=False,
    )
    return Realm(name, server_url)


def add_user(admin: KeycloakAdmin, realm: Realm, username: str, *, roles: list[str]) -> str:
    user_id = keycloak_realms.add_user(admin, realm.name, username, roles=roles)
    realm.user_ids[username] = user_id
    return user_id


def delete_realm(admin: KeycloakAdmin, realm: Realm) -> None:
    admin.delete_realm(realm.name)
