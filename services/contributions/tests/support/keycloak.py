"""A throwaway tenant realm on the real Keycloak, with users to get tokens for.

Built on the test tooling's `inspraak_stack.keycloak_realms`; it adds the `communications`
role, a token lifespan that outlasts the suite, and the `inspraak_area` claim (the area a
person declared in identity) mapped from the user attribute as identity's realm does.
"""

from dataclasses import dataclass, field
from typing import Any

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
    "declare_area",
]

CLIENT_ID = keycloak_realms.API_CLIENT
ROLES = ("superadmin", "policy_maker", "communications", "user")
AREA_ATTRIBUTE = "inspraak_area"


def area_mapper() -> dict[str, Any]:
    """As identity's realm provisioner maps it: single-valued, in access tokens only."""
    return {
        "name": "inspraak-area",
        "protocol": "openid-connect",
        "protocolMapper": "oidc-usermodel-attribute-mapper",
        "config": {
            "user.attribute": AREA_ATTRIBUTE,
            "claim.name": AREA_ATTRIBUTE,
            "multivalued": "false",
            "jsonType.label": "String",
            "access.token.claim": "true",
            "id.token.claim": "false",
            "userinfo.token.claim": "false",
        },
    }


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
    client = password_client(CLIENT_ID)
    client["protocolMappers"].append(area_mapper())
    name = keycloak_realms.create_realm(
        admin,
        prefix,
        clients=[client],
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


def declare_area(admin: KeycloakAdmin, realm: RealmFixture, username: str, area_id: str) -> None:
    """Set the person's area as identity does (the user attribute), before their first token.

    The realm lets admins keep attributes its user profile does not declare, so the
    attribute survives without identity's profile declaration.
    """
    admin.change_current_realm(realm.name)
    try:
        user_id = realm.user_ids[username]
        user = admin.get_user(user_id)
        user.pop("access", None)
        user.pop("userProfileMetadata", None)
        user["attributes"] = {**(user.get("attributes") or {}), AREA_ATTRIBUTE: [area_id]}
        admin.update_user(user_id, user)
    finally:
        admin.change_current_realm("master")
