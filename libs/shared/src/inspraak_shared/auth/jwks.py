"""Realm signing keys (JWKS), cached per realm, refreshed when a key rotates.

Fetched once and then reused; an unknown `kid` (Keycloak rotated its keys) triggers
one refresh, rate-limited so a stream of forged kids cannot hammer Keycloak.
"""

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
from jwt import PyJWK, PyJWKSet
from jwt.exceptions import PyJWKSetError


class KeyNotFoundError(LookupError):
    pass


@dataclass
class _RealmKeys:
    keys: dict[str, PyJWK] = field(default_factory=dict)
    fetched_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class JwksCache:
    def __init__(
        self,
        http: httpx.AsyncClient,
        *,
        max_age_seconds: float = 3600.0,
        min_refresh_interval_seconds: float = 10.0,
    ) -> None:
        self._http = http
        self._max_age = max_age_seconds
        self._min_refresh_interval = min_refresh_interval_seconds
        self._realms: dict[str, _RealmKeys] = {}

    async def key(self, jwks_url: str, kid: str) -> PyJWK:
        realm = self._realms.setdefault(jwks_url, _RealmKeys())
        if kid in realm.keys and not self._expired(realm):
            return realm.keys[kid]
        async with realm.lock:
            if kid not in realm.keys or self._expired(realm):
                await self._refresh(jwks_url, realm)
        try:
            return realm.keys[kid]
        except KeyError:
            raise KeyNotFoundError(f"no signing key '{kid}' in {jwks_url}") from None

    def _expired(self, realm: _RealmKeys) -> bool:
        return time.monotonic() - realm.fetched_at > self._max_age

    async def _refresh(self, jwks_url: str, realm: _RealmKeys) -> None:
        if realm.fetched_at and time.monotonic() - realm.fetched_at < self._min_refresh_interval:
            return
        response = await self._http.get(jwks_url, timeout=5.0)
        response.raise_for_status()
        realm.keys = _signing_keys(response.json())
        realm.fetched_at = time.monotonic()


def _signing_keys(document: dict[str, Any]) -> dict[str, PyJWK]:
    # Keycloak also publishes encryption keys (use=enc); only signature keys verify tokens.
    signing = [k for k in document.get("keys", []) if k.get("use", "sig") == "sig" and "kid" in k]
    try:
        key_set = PyJWKSet.from_dict({"keys": signing})
    except PyJWKSetError:
        return {}
    return {key.key_id: key for key in key_set.keys if key.key_id}
