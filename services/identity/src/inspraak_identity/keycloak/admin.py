"""Admin connections to Keycloak, one per (instance, realm), and the user operations we use.

python-keycloak keeps the realm in the connection, so a connection per realm avoids
switching a shared one between concurrent requests. Each logs in lazily (the admin
account lives in `keycloak_admin_realm`) and refreshes its token itself.
"""

import asyncio
import json
import logging
from collections import OrderedDict
from typing import Any

from keycloak import KeycloakAdmin
from keycloak.exceptions import KeycloakError

from inspraak_identity.config import IdentitySettings
from inspraak_shared.problems import Conflict, ServiceUnavailable

logger = logging.getLogger("inspraak.identity.keycloak")

# Enough for the realms that are busy at once; an evicted connection logs in again later.
MAX_CACHED_CONNECTIONS = 64
SCOPES_ATTRIBUTE = "inspraak_scopes"
KIND_ATTRIBUTE = "inspraak_kind"
# The area (neighbourhood) a person declared; the `inspraak_area` token claim carries it.
AREA_ATTRIBUTE = "inspraak_area"


def status_of(error: KeycloakError) -> int | None:
    return getattr(error, "response_code", None)


class KeycloakGateway:
    """Hands out admin connections per Keycloak instance and realm."""

    def __init__(self, settings: IdentitySettings) -> None:
        self._settings = settings
        self._connections: OrderedDict[tuple[str, str], KeycloakAdmin] = OrderedDict()
        self._closing: set[asyncio.Future[None]] = set()

    def base_url(self, keycloak_url: str | None) -> str:
        return (keycloak_url or self._settings.keycloak_url).rstrip("/")

    def admin(self, realm: str, keycloak_url: str | None = None) -> KeycloakAdmin:
        key = (self.base_url(keycloak_url), realm)
        connection = self._connections.get(key)
        if connection is None:
            connection = KeycloakAdmin(
                server_url=key[0],
                username=self._settings.keycloak_admin_user,
                password=self._settings.keycloak_admin_password.get_secret_value(),
                realm_name=realm,
                user_realm_name=self._settings.keycloak_admin_realm,
                client_id=self._settings.keycloak_admin_client_id,
                timeout=self._settings.keycloak_admin_timeout_seconds,
            )
            self._connections[key] = connection
            while len(self._connections) > MAX_CACHED_CONNECTIONS:
                _, evicted = self._connections.popitem(last=False)
                self._closing.add(asyncio.ensure_future(evicted.connection.aclose()))
        self._connections.move_to_end(key)
        return connection

    def users(self, realm: str, keycloak_url: str | None = None) -> "RealmUsers":
        return RealmUsers(self.admin(realm, keycloak_url))

    def forget(self, realm: str, keycloak_url: str | None = None) -> None:
        self._connections.pop((self.base_url(keycloak_url), realm), None)

    async def aclose(self) -> None:
        for connection in self._connections.values():
            await connection.connection.aclose()
        self._connections.clear()
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)


class RealmUsers:
    """The users of one tenant realm."""

    def __init__(self, admin: KeycloakAdmin) -> None:
        self._admin = admin

    async def create(
        self,
        *,
        username: str,
        email: str,
        password: str,
        first_name: str | None = None,
        last_name: str | None = None,
        attributes: dict[str, list[str]] | None = None,
        email_verified: bool = False,
    ) -> str:
        payload: dict[str, Any] = {
            "username": username,
            "email": email,
            "enabled": True,
            "emailVerified": email_verified,
            "attributes": attributes or {},
            "credentials": [{"type": "password", "value": password, "temporary": False}],
        }
        if first_name:
            payload["firstName"] = first_name
        if last_name:
            payload["lastName"] = last_name
        try:
            return str(await self._admin.a_create_user(payload))
        except KeycloakError as exc:
            if status_of(exc) == 409:
                raise Conflict(
                    "That username or e-mail address is already in use here.",
                    slug="account-exists",
                ) from exc
            if status_of(exc) == 400:
                # Keycloak's password policy or user profile refused the values.
                raise Conflict(_keycloak_message(exc), slug="account-refused") from exc
            raise _unavailable(exc) from exc

    async def get(self, user_id: str) -> dict[str, Any] | None:
        try:
            return await self._admin.a_get_user(user_id)  # type: ignore[no-any-return]
        except KeycloakError as exc:
            if status_of(exc) == 404:
                return None
            raise _unavailable(exc) from exc

    async def find(self, *, username: str | None = None, email: str | None = None) -> list[dict]:
        query: dict[str, Any] = {"exact": "true", "briefRepresentation": "false"}
        if username is not None:
            query["username"] = username
        if email is not None:
            query["email"] = email
        try:
            return list(await self._admin.a_get_users(query))
        except KeycloakError as exc:
            raise _unavailable(exc) from exc

    async def set_attribute(self, user_id: str, name: str, values: list[str]) -> None:
        user = await self.get(user_id)
        if user is None:
            return
        attributes = dict(user.get("attributes") or {})
        if sorted(attributes.get(name, [])) == sorted(values):
            return
        attributes[name] = values
        await self.update(user_id, {**user, "attributes": attributes})

    async def update(self, user_id: str, representation: dict[str, Any]) -> None:
        # A full representation: with a user profile, absent fields may be cleared.
        representation.pop("access", None)
        representation.pop("userProfileMetadata", None)
        try:
            await self._admin.a_update_user(user_id, representation)
        except KeycloakError as exc:
            if status_of(exc) == 409:
                raise Conflict(_keycloak_message(exc), slug="account-exists") from exc
            raise _unavailable(exc) from exc

    async def realm_roles(self, user_id: str) -> set[str]:
        try:
            roles = await self._admin.a_get_realm_roles_of_user(user_id)
        except KeycloakError as exc:
            raise _unavailable(exc) from exc
        return {role["name"] for role in roles}

    async def add_realm_role(self, user_id: str, role: str) -> None:
        try:
            representation = await self._admin.a_get_realm_role(role)
            await self._admin.a_assign_realm_roles(user_id, [representation])
        except KeycloakError as exc:
            raise _unavailable(exc) from exc

    async def remove_realm_role(self, user_id: str, role: str) -> None:
        try:
            representation = await self._admin.a_get_realm_role(role)
            await self._admin.a_delete_realm_roles_of_user(user_id, [representation])
        except KeycloakError as exc:
            if status_of(exc) == 404:
                return
            raise _unavailable(exc) from exc

    async def role_members(self, role: str) -> list[dict[str, Any]]:
        try:
            return list(
                await self._admin.a_get_realm_role_members(role, {"briefRepresentation": "true"})
            )
        except KeycloakError as exc:
            if status_of(exc) == 404:
                return []
            raise _unavailable(exc) from exc

    async def all(self) -> list[dict[str, Any]]:
        try:
            return list(await self._admin.a_get_users({"briefRepresentation": "false"}))
        except KeycloakError as exc:
            raise _unavailable(exc) from exc

    async def delete(self, user_id: str) -> None:
        try:
            await self._admin.a_delete_user(user_id)
        except KeycloakError as exc:
            if status_of(exc) == 404:
                return
            raise _unavailable(exc) from exc


def _keycloak_message(error: KeycloakError) -> str:
    body = getattr(error, "response_body", b"") or b""
    try:
        document = json.loads(body)
    except ValueError:
        return "Keycloak refused the change."
    message = document.get("errorMessage") or document.get("error_description") or ""
    return f"Keycloak refused the change: {message}" if message else "Keycloak refused the change."


def _unavailable(error: KeycloakError) -> ServiceUnavailable:
    logger.warning("keycloak call failed: %s", error)
    return ServiceUnavailable("The identity provider did not answer as expected; try again.")
