"""A throwaway tenant realm on the real Keycloak, with users to get tokens for.

Built on the test tooling's `inspraak_stack.keycloak_realms`; it adds the `communications`
role and a token lifespan that outlasts the suite.
"""

from dataclasses import dataclass, field

from keycloak import KeycloakAdmin

from inspraak_stack import keycloak_realms
from inspraak_stack.keycloak_realms import API_AUDIENCE, PASSWORD, password_client

__all__ = [
    "API_AUDIENCE",
    "CLIENT_ID",
    "PASSWORD",
    "ROLES",
    "RealmFixture",
    "add_user",
    "create_test_realm",
]

CLIENT_ID = keycloak_realms.API_CLIENT
ROLES = ("superadmin", "policy_maker", "communications", "user")


@dataclass
class RealmFixture:
    name: str
    server_url: str
    user_ids: dict[str, str] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def token(self, username: str) -> str:
        if username not in self._tokens:
            self._tokens[username] = keycloak_realms.password_token(
                self.server_url, self.name, username, CLIENT_ID
            )
        return self._tokens[username]


def create_test_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> RealmFixture:
    # Tokens live as long as the suite: they are fetched once per user and reused.
    name = keycloak_realms.create_realm(
        admin,
        prefix,
        clients=[password_client(CLIENT_ID)],
        roles=ROLES,
        access_token_lifespan=1800,
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
    user_id = keycloak_realms.add_user(
        admin, realm.name, username, roles=roles, scopes=scopes or []
    )
    realm.user_ids[username] = user_id
    return user_id
