"""A tenant's realm as it should be, and the steps that make Keycloak match it.

Each step compares only the settings we own, changes only what differs and says what
it changed, so applying the same design twice reports every step `unchanged`.
"""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakError

from inspraak_identity.keycloak.admin import AREA_ATTRIBUTE, SCOPES_ATTRIBUTE, status_of

API_AUDIENCE = "inspraak-api"
WEB_CLIENT = "inspraak-web"
CLI_CLIENT = "inspraak-cli"
# NIST 800-63B: length over composition rules; Keycloak adds its own hashing and lockout.
PASSWORD_POLICY = "length(10) and maxLength(128) and notUsername and notEmail"  # noqa: S105
BRUTE_FORCE_FAILURES = 10

REALM_ROLES: dict[str, str] = {
    "superadmin": "Project leader: sets up the platform, invites staff, keeps the overview",
    "policy_maker": "Mayor, alderman, schepen or director: follows the platform read-only",
    "communications": "Communications officer: embeds the platform in the communication plan",
    "it_admin": "IT officer or webmaster: domain, redirect and the link from the website",
    "support": "The vendor's participation specialist, when the superadmin grants access",
    "user": "Every registered person or organisation",
}
DEFAULT_ROLE = "user"

StepStatus = Literal["created", "updated", "unchanged", "deleted"]


def web_origin(scheme: str, host: str, port: int | None = None) -> str:
    """Where browsers reach the web app on `host`: what sign-in redirects and invitation
    links start with (a port only on a developer's machine)."""
    return f"{scheme}://{host}" + (f":{port}" if port is not None else "")


@dataclass
class StepResult:
    name: str
    status: StepStatus
    changes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class RealmDesign:
    """What a tenant's realm must be; built from the tenant spec."""

    name: str
    display_name: str
    languages: tuple[str, ...]
    default_language: str
    hosts: tuple[str, ...]
    allow_registration: bool
    # How browsers reach the web app: https, except on a developer's machine.
    web_scheme: Literal["https", "http"] = "https"
    # A port of its own only on a developer's machine (`make run` serves the gateway on 8000).
    web_port: int | None = None

    def _web_address(self, host: str) -> str:
        return web_origin(self.web_scheme, host, self.web_port)

    def realm(self) -> dict[str, Any]:
        return {
            "realm": self.name,
            "enabled": True,
            "displayName": self.display_name,
            "registrationAllowed": self.allow_registration,
            "registrationEmailAsUsername": False,
            "editUsernameAllowed": False,
            "loginWithEmailAllowed": True,
            "duplicateEmailsAllowed": False,
            "resetPasswordAllowed": True,
            "bruteForceProtected": True,
            "permanentLockout": False,
            "failureFactor": BRUTE_FORCE_FAILURES,
            "passwordPolicy": PASSWORD_POLICY,
            "internationalizationEnabled": True,
            "supportedLocales": sorted(self.languages),
            "defaultLocale": self.default_language,
            "sslRequired": "external",
        }

    def web_client(self) -> dict[str, Any]:
        return {
            "clientId": WEB_CLIENT,
            "name": "Inspraak web",
            "enabled": True,
            "protocol": "openid-connect",
            "publicClient": True,
            "standardFlowEnabled": True,
            "implicitFlowEnabled": False,
            "directAccessGrantsEnabled": False,
            "serviceAccountsEnabled": False,
            "redirectUris": [f"{self._web_address(host)}/auth/callback" for host in self.hosts],
            "webOrigins": [self._web_address(host) for host in self.hosts],
            "attributes": {
                "pkce.code.challenge.method": "S256",
                "post.logout.redirect.uris": "##".join(
                    f"{self._web_address(host)}/" for host in self.hosts
                ),
            },
        }

    def cli_client(self) -> dict[str, Any]:
        return {
            "clientId": CLI_CLIENT,
            "name": "Inspraak scripts and command line",
            "enabled": True,
            "protocol": "openid-connect",
            "publicClient": True,
            "standardFlowEnabled": False,
            "implicitFlowEnabled": False,
            "directAccessGrantsEnabled": True,
            "serviceAccountsEnabled": False,
            "redirectUris": [],
            "webOrigins": [],
            "attributes": {},
        }


def area_profile_attribute() -> dict[str, Any]:
    """The declared area in the realm's user profile, so Keycloak keeps and validates it.

    Only admins (identity) view and edit it: people change it through `PATCH /v1/me`,
    which also keeps identity's own copy; Keycloak's account console does not show it.
    """
    return {
        "name": AREA_ATTRIBUTE,
        "displayName": "Area",
        "multivalued": False,
        "permissions": {"view": ["admin"], "edit": ["admin"]},
        "validations": {"length": {"max": 64}},
    }


def protocol_mappers() -> list[dict[str, Any]]:
    """The API audience, the scoped roles and the declared area, in access tokens."""
    return [
        {
            "name": "inspraak-api-audience",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-audience-mapper",
            "config": {
                "included.custom.audience": API_AUDIENCE,
                "access.token.claim": "true",
                "id.token.claim": "false",
                "introspection.token.claim": "true",
            },
        },
        {
            "name": "inspraak-scopes",
            "protocol": "openid-connect",
            "protocolMapper": "oidc-usermodel-attribute-mapper",
            "config": {
                "user.attribute": SCOPES_ATTRIBUTE,
                "claim.name": SCOPES_ATTRIBUTE,
                "multivalued": "true",
                "jsonType.label": "String",
                "access.token.claim": "true",
                "id.token.claim": "false",
                "introspection.token.claim": "true",
            },
        },
        {
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
                "introspection.token.claim": "true",
            },
        },
    ]


Progress = Callable[[StepResult], Awaitable[None] | None]


class RealmProvisioner:
    """Brings one realm in line with its design: `master` creates, the realm admin updates."""

    def __init__(self, master: KeycloakAdmin, realm_admin: KeycloakAdmin) -> None:
        self._master = master
        self._admin = realm_admin

    async def apply(
        self, design: RealmDesign, progress: Progress | None = None
    ) -> list[StepResult]:
        steps: list[Callable[[RealmDesign], Awaitable[StepResult]]] = [
            self._realm,
            self._user_profile,
            self._roles,
            self._default_role,
            self._web_client,
            self._cli_client,
        ]
        results = []
        for step in steps:
            result = await step(design)
            results.append(result)
            if progress is not None:
                outcome = progress(result)
                if outcome is not None:
                    await outcome
        return results

    async def _realm(self, design: RealmDesign) -> StepResult:
        desired = design.realm()
        current = await self._existing_realm(design.name)
        if current is None:
            try:
                await self._master.a_create_realm(desired, skip_exists=False)
            except KeycloakError as exc:
                if status_of(exc) != 409:
                    raise
                # Made since we looked: another apply at the same moment, or one whose
                # create reached Keycloak after it timed out. Take it over and update it.
                current = await self._existing_realm(design.name)
                if current is None:
                    raise
            else:
                return StepResult("realm", "created", [f"realm {design.name}"])
        changes = _differences(desired, current)
        if not changes:
            return StepResult("realm", "unchanged")
        await self._master.a_update_realm(design.name, {k: desired[k] for k in changes})
        return StepResult("realm", "updated", changes)

    async def _existing_realm(self, name: str) -> dict[str, Any] | None:
        try:
            return dict(await self._master.a_get_realm(name))
        except KeycloakError as exc:
            if status_of(exc) != 404:
                raise
            return None

    async def _user_profile(self, design: RealmDesign) -> StepResult:
        profile = await self._admin.a_get_realm_users_profile()
        changes = []
        if profile.get("unmanagedAttributePolicy") != "ADMIN_EDIT":
            # Keycloak drops attributes its profile does not declare (our scoped roles).
            profile["unmanagedAttributePolicy"] = "ADMIN_EDIT"
            changes.append("unmanagedAttributePolicy")
        for attribute in profile.get("attributes", []):
            # Names are optional: organisations have none, and we ask for no more than needed.
            if attribute.get("name") in {"firstName", "lastName"} and attribute.get("required"):
                attribute.pop("required")
                changes.append(f"{attribute['name']} optional")
        changes += _declare_attribute(profile, area_profile_attribute())
        if not changes:
            return StepResult("user profile", "unchanged")
        await self._admin.a_update_realm_users_profile(profile)
        return StepResult("user profile", "updated", changes)

    async def _roles(self, design: RealmDesign) -> StepResult:
        existing = {role["name"]: role for role in await self._admin.a_get_realm_roles()}
        changes = []
        for name, description in REALM_ROLES.items():
            if name not in existing:
                await self._admin.a_create_realm_role(
                    {"name": name, "description": description}, skip_exists=True
                )
                changes.append(f"+{name}")
            elif existing[name].get("description") != description:
                await self._admin.a_update_realm_role(
                    name, {"name": name, "description": description}
                )
                changes.append(f"~{name}")
        return _result("realm roles", changes, created=len(changes) == len(REALM_ROLES))

    async def _default_role(self, design: RealmDesign) -> StepResult:
        defaults = {role["name"] for role in await self._admin.a_get_realm_default_roles()}
        if DEFAULT_ROLE in defaults:
            return StepResult("default role", "unchanged")
        role = await self._admin.a_get_realm_role(DEFAULT_ROLE)
        await self._admin.a_add_realm_default_roles([role])
        return StepResult("default role", "updated", [f"+{DEFAULT_ROLE}"])

    async def _web_client(self, design: RealmDesign) -> StepResult:
        return await self._client(design.web_client())

    async def _cli_client(self, design: RealmDesign) -> StepResult:
        return await self._client(design.cli_client())

    async def _client(self, desired: dict[str, Any]) -> StepResult:
        name = f"client {desired['clientId']}"
        internal_id = await self._admin.a_get_client_id(desired["clientId"])
        if internal_id is None:
            await self._admin.a_create_client(
                {**desired, "protocolMappers": protocol_mappers()}, skip_exists=False
            )
            return StepResult(name, "created", [desired["clientId"]])
        current = await self._admin.a_get_client(internal_id)
        changes = _differences(desired, current)
        if changes:
            attributes = {**(current.get("attributes") or {}), **desired["attributes"]}
            await self._admin.a_update_client(
                internal_id, {**current, **desired, "attributes": attributes}
            )
        changes += await self._mappers(internal_id)
        return _result(name, changes)

    async def _mappers(self, internal_id: str) -> list[str]:
        current = {m["name"]: m for m in await self._admin.a_get_mappers_from_client(internal_id)}
        changes = []
        for mapper in protocol_mappers():
            existing = current.get(mapper["name"])
            if existing is None:
                await self._admin.a_add_mapper_to_client(internal_id, mapper)
                changes.append(f"+mapper {mapper['name']}")
            elif _differences(mapper, existing):
                await self._admin.a_update_client_mapper(
                    internal_id, existing["id"], {**existing, **mapper}
                )
                changes.append(f"~mapper {mapper['name']}")
        return changes


def _declare_attribute(profile: dict[str, Any], desired: dict[str, Any]) -> list[str]:
    """Add or correct one attribute of the user profile; what changed, for the report."""
    attributes = profile.setdefault("attributes", [])
    current = next((a for a in attributes if a.get("name") == desired["name"]), None)
    if current is None:
        attributes.append(dict(desired))
        return [f"+attribute {desired['name']}"]
    if all(current.get(key) == value for key, value in desired.items()):
        return []
    current.update(desired)
    return [f"~attribute {desired['name']}"]


def _result(name: str, changes: list[str], *, created: bool = False) -> StepResult:
    if not changes:
        return StepResult(name, "unchanged")
    return StepResult(name, "created" if created else "updated", changes)


def _differences(desired: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Keys of `desired` whose value differs in `current` (lists as sets, dicts by key)."""
    changed = []
    for key, value in desired.items():
        have = current.get(key)
        if isinstance(value, dict):
            have = have or {}
            if any(str(have.get(k, "")) != str(v) for k, v in value.items()):
                changed.append(key)
        elif isinstance(value, list):
            if sorted(value) != sorted(have or []):
                changed.append(key)
        elif have != value:
            changed.append(key)
    return changed


async def delete_realm(master: KeycloakAdmin, name: str) -> bool:
    """Remove the realm; False when there was none."""
    try:
        await master.a_delete_realm(name)
    except KeycloakError as exc:
        if status_of(exc) == 404:
            return False
        raise
    return True


async def export_realm(realm_admin: KeycloakAdmin) -> dict[str, Any]:
    """The realm's configuration, roles and clients (no secrets: Keycloak masks them)."""
    return dict(await realm_admin.a_export_realm(export_clients=True, export_groups_and_role=True))
