"""The tenant realm's OpenID Connect endpoints: authorization code + PKCE (S256) for the
browser, the token endpoint and logout over the back channel."""

import base64
import hashlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from inspraak_shared.problems import BadRequest, Unauthorized


class SignInFailedError(BadRequest):
    title, slug = "Sign-in failed", "sign-in-failed"


class SessionEndedError(Unauthorized):
    title, slug = "Session ended", "session-ended"


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    id_token: str
    expires_in: int
    refresh_expires_in: int


def code_challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class KeycloakOidc:
    def __init__(
        self, http: httpx.AsyncClient, *, public_url: str, internal_url: str, client_id: str
    ) -> None:
        self._http = http
        self._public = public_url.rstrip("/")  # what browsers reach
        self._internal = internal_url.rstrip("/")  # what the gateway reaches
        self.client_id = client_id

    def issuer(self, realm: str) -> str:
        return f"{self._public}/realms/{realm}"

    def authorization_url(
        self,
        realm: str,
        *,
        redirect_uri: str,
        state: str,
        nonce: str,
        verifier: str,
        register: bool = False,
    ) -> str:
        """Keycloak's sign-in page, or with `register` its registration page (same flow)."""
        query = urlencode(
            {
                "client_id": self.client_id,
                "response_type": "code",
                "scope": "openid",
                "redirect_uri": redirect_uri,
                "state": state,
                "nonce": nonce,
                "code_challenge": code_challenge(verifier),
                "code_challenge_method": "S256",
            }
        )
        endpoint = "registrations" if register else "auth"
        return f"{self.issuer(realm)}/protocol/openid-connect/{endpoint}?{query}"

    async def exchange_code(
        self, realm: str, *, code: str, verifier: str, redirect_uri: str
    ) -> Tokens:
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "code_verifier": verifier,
            "redirect_uri": redirect_uri,
        }
        body = await self._token_call(realm, form)
        if body is None:
            raise SignInFailedError("Keycloak did not accept the sign-in. Please try again.")
        return _tokens(body)

    async def refresh(self, realm: str, refresh_token: str) -> Tokens:
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        body = await self._token_call(realm, form)
        if body is None:
            raise SessionEndedError("Your session has ended. Please sign in again.")
        return _tokens(body)

    async def logout(self, realm: str, refresh_token: str) -> None:
        """End the Keycloak session itself (not just ours): its SSO cookie stops working."""
        response = await self._http.post(
            f"{self._internal}/realms/{realm}/protocol/openid-connect/logout",
            data={"client_id": self.client_id, "refresh_token": refresh_token},
            timeout=5.0,
        )
        # 400 means the Keycloak session had already ended: that is what we want anyway.
        if response.status_code not in (200, 204, 400):
            response.raise_for_status()

    async def _token_call(self, realm: str, form: dict[str, str]) -> dict[str, Any] | None:
        response = await self._http.post(
            f"{self._internal}/realms/{realm}/protocol/openid-connect/token",
            data={"client_id": self.client_id, **form},
            timeout=5.0,
        )
        if response.status_code in (400, 401):
            return None
        response.raise_for_status()
        return response.json()  # type: ignore[no-any-return]


def _tokens(body: dict[str, Any]) -> Tokens:
    return Tokens(
        access_token=body["access_token"],
        refresh_token=body["refresh_token"],
        id_token=body.get("id_token", ""),
        expires_in=int(body.get("expires_in", 60)),
        refresh_expires_in=int(body.get("refresh_expires_in") or 1800),
    )
