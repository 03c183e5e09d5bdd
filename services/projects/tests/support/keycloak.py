"""A throwaway tenant realm on the real Keycloak, with people in every role of PRODUCT.md.

Stands in for the identity service's realm provisioning; the realm, client and people come
from the test tooling's `inspraak_stack.keycloak_realms`.
"""

from keycloak import KeycloakAdmin

from inspraak_stack.keycloak_realms import PeopleRealm as TestRealm
from inspraak_stack.keycloak_realms import Person

__all__ = ["REALM_ROLES", "Person", "TestRealm", "create_realm"]

REALM_ROLES = ("superadmin", "policy_maker", "communications", "it_admin", "user")


def create_realm(admin: KeycloakAdmin, server_url: str, prefix: str) -> TestRealm:
    return TestRealm.create(admin, server_url, prefix, roles=REALM_ROLES)
