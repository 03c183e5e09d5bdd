"""A demo municipality in Keycloak, for `inspraak-stack run` and tests.

A stand-in until the identity service's `inspraak tenant apply` exists, so it stays
small: the realm, the five realm roles, the two clients the platform needs and one
user per role of the product brief. Idempotent: a second run updates what the first
one created, so `make run` can provision on every start.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from keycloak import KeycloakAdmin, KeycloakGetError, KeycloakOpenID

from inspraak_stack.procs import StackError
from inspraak_stack.stack import Endpoints

log = logging.getLogger("inspraak_stack")

DEMO_REALM = "demo"
DEMO_DISPLAY_NAME = "Gemeente Demo"
DEMO_PASSWORD = "Inspraak-demo-2026"  # noqa: S105 (published demo login of a local server)
EMAIL_DOMAIN = "demo.inspraak.test"
WEB_CLIENT = "inspraak-web"
CLI_CLIENT = "inspraak-cli"
AUDIENCE = "inspraak-api"
SCOPES_CLAIM = "inspraak_scopes"
REALM_ROLES: dict[str, str] = {
    "superadmin": "Project leader: strategy, setup, invitations, overview",
    "policy_maker": "Mayor, alderman, schepen or general director: follows read-only",
    "communications": "Communications officer: content calendar and evaluation moments",
    "it_admin": "IT officer / webmaster: domain, redirect, widget",
    "user": "Resident or organisation",
}
DEFAULT_ROLE = "user"


@dataclass(frozen=True)
class DemoUser:
    username: str
    description: str
    first_name: str
    last_name: str
    roles: tuple[str, ...] = ()
    # Department and project rights are scoped, so they are token claims, not realm roles.
    scopes: tuple[str, ...] = ()


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("superadmin", "superadmin (project leader)", "Sara", "Peeters", ("superadmin",)),
    DemoUser("schepen", "policy maker (schepen)", "Jan", "Janssens", ("policy_maker",)),
    DemoUser(
        "afdelingshoofd",
        "department head of ruimtelijke-ordening",
        "An",
        "Maes",
        scopes=("department_head:department:ruimtelijke-ordening",),
    ),
    DemoUser(
        "moderator",
        "project moderator (staff) of demo-project",
        "Tom",
        "Willems",
        scopes=("project_moderator:project:demo-project",),
    ),
    DemoUser(
        "vrijwilliger",
        "project moderator (external volunteer) of demo-project",
        "Lotte",
        "Claes",
        scopes=("project_moderator:project:demo-project:external",),
    ),
    DemoUser("communicatie", "communications officer", "Els", "Jacobs", ("communications",)),
    # Not "it": Keycloak's default user profile wants usernames of 3+ characters.
    DemoUser("webmaster", "IT officer / webmaster", "Koen", "Mertens", ("it_admin",)),
    DemoUser("bewoner", "resident (user)", "Noor", "Wouters"),
)


def admin_client(endpoints: Endpoints, realm: str = "master") -> KeycloakAdmin:
    """An admin API client logged in to `master`, working on `realm`."""
    admin = KeycloakAdmin(
        server_url=endpoints.keycloak_url,
        username=endpoints.keycloak_admin_user,
        password=endpoints.keycloak_admin_password,
        realm_name="master",
        user_realm_name="master",
    )
    admin.change_current_realm(realm)
    return admin


# --- payloads ----------------------------------------------------------------------------


def _realm_payload(realm: str, display_name: str, endpoints: Endpoints) -> dict[str, Any]:
    return {
        "realm": realm,
        "displayName": display_name,
        "enabled": True,
        "internationalizationEnabled": True,
        "supportedLocales": ["nl", "fr", "en"],
        "defaultLocale": "nl",
        "registrationAllowed": True,
        "resetPasswordAllowed": True,
        "bruteForceProtected": True,
        "passwordPolicy": "length(10) and notUsername",
        # Registration and password-reset mails land in the mail catcher.
        "smtpServer": {
            "host": endpoints.smtp_host,
            "port": str(endpoints.smtp_port),
            "from": f"noreply@{EMAIL_DOMAIN}",
            "fromDisplayName": display_name,
        },
    }


def _token_mappers() -> list[dict[str, Any]]:
    # Keycloak wants every mapper config value as a string.
    return [
        {
            "name": f"audience {AUDIENCE}",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-audience-mapper",
            "config": {
                "included.custom.audience": AUDIENCE,
                "access.token.claim": "true",
                "id.token.claim": "false",
                "introspection.token.claim": "true",
            },
        },
        {
            "name": SCOPES_CLAIM,
            "protocol": "openid-connect",
            "protocolMapper": "oidc-usermodel-attribute-mapper",
            "config": {
                "user.attribute": SCOPES_CLAIM,
                "claim.name": SCOPES_CLAIM,
                "jsonType.label": "String",
                "multivalued": "true",
                "access.token.claim": "true",
                "id.token.claim": "false",
                "userinfo.token.claim": "true",
                "introspection.token.claim": "true",
            },
        },
    ]


def _client_payloads(gateway_port: int) -> list[dict[str, Any]]:
    hosts = [f"http://127.0.0.1:{gateway_port}", f"http://localhost:{gateway_port}"]
    common = {"protocol": "openid-connect", "publicClient": True, "enabled": True}
    web = {
        **common,
        "clientId": WEB_CLIENT,
        "name": "Inspraak web",
        "standardFlowEnabled": True,
        "directAccessGrantsEnabled": False,
        "implicitFlowEnabled": False,
        "redirectUris": [f"{host}/*" for host in hosts],
        "webOrigins": hosts,
        "attributes": {"pkce.code.challenge.method": "S256", "post.logout.redirect.uris": "+"},
    }
    # Password grants for developers and tests only: never enable them on the web client.
    cli = {
        **common,
        "clientId": CLI_CLIENT,
        "name": "Inspraak CLI and tests",
        "standardFlowEnabled": False,
        "directAccessGrantsEnabled": True,
        "implicitFlowEnabled": False,
    }
    return [web, cli]


def _user_payload(user: DemoUser) -> dict[str, Any]:
    return {
        "username": user.username,
        "email": f"{user.username}@{EMAIL_DOMAIN}",
        "emailVerified": True,
        "enabled": True,
        # Keycloak refuses password grants while required profile fields are missing.
        "firstName": user.first_name,
        "lastName": user.last_name,
        "requiredActions": [],
        "attributes": {SCOPES_CLAIM: list(user.scopes)} if user.scopes else {},
    }


# --- idempotent steps --------------------------------------------------------------------


def _realm_exists(admin: KeycloakAdmin, realm: str) -> bool:
    try:
        admin.get_realm(realm)
    except KeycloakGetError as exc:
        if exc.response_code == 404:
            return False
        raise
    return True


def _ensure_realm(admin: KeycloakAdmin, payload: dict[str, Any]) -> None:
    realm = payload["realm"]
    if _realm_exists(admin, realm):
        admin.update_realm(realm, payload)
    else:
        admin.create_realm(payload)
        log.info("created realm %s", realm)


def _ensure_roles(admin: KeycloakAdmin, realm: str) -> dict[str, dict[str, Any]]:
    existing = {role["name"] for role in admin.get_realm_roles()}
    for name, description in REALM_ROLES.items():
        if name not in existing:
            admin.create_realm_role({"name": name, "description": description})
    roles = {name: admin.get_realm_role(name) for name in REALM_ROLES}
    # Everyone who registers is a user: add it to the realm's default roles composite.
    admin.add_composite_realm_roles_to_role(f"default-roles-{realm}", [roles[DEFAULT_ROLE]])
    return roles


def _allow_unmanaged_attributes(admin: KeycloakAdmin) -> None:
    # Keycloak 24+ silently drops attributes the user profile does not declare;
    # ADMIN_EDIT keeps `inspraak_scopes` writable by admins and invisible to users.
    profile = admin.get_realm_users_profile()
    if profile.get("unmanagedAttributePolicy") != "ADMIN_EDIT":
        admin.update_realm_users_profile({**profile, "unmanagedAttributePolicy": "ADMIN_EDIT"})


def _ensure_client(admin: KeycloakAdmin, payload: dict[str, Any]) -> None:
    client_uuid = admin.get_client_id(payload["clientId"])
    if client_uuid is None:
        client_uuid = admin.create_client(payload)
    else:
        admin.update_client(client_uuid, payload)
    existing = {m["name"]: m["id"] for m in admin.get_mappers_from_client(client_uuid)}
    for mapper in _token_mappers():
        mapper_id = existing.get(mapper["name"])
        if mapper_id is None:
            admin.add_mapper_to_client(client_uuid, mapper)
        else:
            admin.update_client_mapper(client_uuid, mapper_id, {**mapper, "id": mapper_id})


def _ensure_user(admin: KeycloakAdmin, user: DemoUser, roles: dict[str, dict[str, Any]]) -> None:
    payload = _user_payload(user)
    user_id = admin.get_user_id(user.username)
    if user_id is None:
        user_id = admin.create_user(payload)
    else:
        admin.update_user(user_id, payload)
    admin.set_user_password(user_id, DEMO_PASSWORD, temporary=False)
    admin.assign_realm_roles(user_id, [roles[name] for name in (*user.roles, DEFAULT_ROLE)])


# --- public API --------------------------------------------------------------------------


def provision(
    endpoints: Endpoints,
    *,
    realm: str = DEMO_REALM,
    display_name: str = DEMO_DISPLAY_NAME,
    gateway_port: int = 8000,
    verify: bool = True,
) -> list[tuple[str, str]]:
    """Create or update the demo municipality; returns (username, role) per demo login."""
    admin = admin_client(endpoints)
    _ensure_realm(admin, _realm_payload(realm, display_name, endpoints))
    admin.change_current_realm(realm)
    roles = _ensure_roles(admin, realm)
    _allow_unmanaged_attributes(admin)
    for client in _client_payloads(gateway_port):
        _ensure_client(admin, client)
    for user in DEMO_USERS:
        _ensure_user(admin, user, roles)
    if verify:
        verify_tokens(endpoints.keycloak_url, realm)
    return [(user.username, user.description) for user in DEMO_USERS]


def delete_realm(endpoints: Endpoints, realm: str) -> None:
    """Remove a (test) realm; a missing realm is fine."""
    admin = admin_client(endpoints)
    if _realm_exists(admin, realm):
        admin.delete_realm(realm)


def access_token_claims(
    keycloak_url: str, realm: str, username: str, password: str = DEMO_PASSWORD
) -> dict[str, Any]:
    """Log in with a password through the CLI client; the access token's verified claims."""
    oidc = KeycloakOpenID(server_url=keycloak_url, realm_name=realm, client_id=CLI_CLIENT)
    token = oidc.token(username, password)
    return oidc.decode_token(token["access_token"])


def audiences(claims: dict[str, Any]) -> list[str]:
    # A single audience comes as a string, several as a list.
    aud = claims.get("aud", [])
    return [aud] if isinstance(aud, str) else list(aud)


def verify_tokens(keycloak_url: str, realm: str) -> None:
    """Fail loudly when tokens lack what the services check: audience, roles, scopes."""
    superadmin = access_token_claims(keycloak_url, realm, "superadmin")
    problems = []
    if AUDIENCE not in audiences(superadmin):
        problems.append(f"superadmin's token has aud {superadmin.get('aud')!r}")
    if "superadmin" not in superadmin.get("realm_access", {}).get("roles", []):
        problems.append(f"superadmin's token has realm_access {superadmin.get('realm_access')}")
    moderator = access_token_claims(keycloak_url, realm, "moderator")
    if moderator.get(SCOPES_CLAIM) != ["project_moderator:project:demo-project"]:
        problems.append(f"moderator's token has {SCOPES_CLAIM}={moderator.get(SCOPES_CLAIM)!r}")
    if problems:
        raise StackError(f"demo realm {realm}: " + "; ".join(problems))
