"""Keycloak tokens are sealed at rest: a copy of the gateway's database (a backup, a
replica, a leaked dump) holds no token anyone can use.

AES-256-GCM with a key derived (HKDF-SHA256) from the `SESSION_KEY` setting. The column
type seals on write and opens on read, so the rest of the code handles plain tokens. A
value that does not open (the key was rotated, or a row from before sealing) reads as
empty; the session layer then treats the session as ended and the person signs in again.
"""

import base64
import logging
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

logger = logging.getLogger("inspraak.gateway.sessions")

PREFIX = "v1:"
_NONCE_BYTES = 12
_HKDF_INFO = b"inspraak-gateway session tokens v1"


def derive_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
        secret.encode()
    )


class Sealer:
    def __init__(self, secret: str) -> None:
        self._aead = AESGCM(derive_key(secret))

    def seal(self, plain: str) -> str:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = nonce + self._aead.encrypt(nonce, plain.encode(), None)
        return PREFIX + base64.urlsafe_b64encode(sealed).decode()

    def open(self, stored: str) -> str:
        """The plain value, or "" when it cannot be opened with this key."""
        if not stored.startswith(PREFIX):
            return ""
        try:
            raw = base64.urlsafe_b64decode(stored[len(PREFIX) :])
            return self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], None).decode()
        except (InvalidTag, ValueError):
            return ""


class _Keyring:
    """The process's sealer; set once at start-up from the settings."""

    sealer: Sealer | None = None


def configure(secret: str) -> None:
    _Keyring.sealer = Sealer(secret)


def _sealer() -> Sealer:
    if _Keyring.sealer is None:
        raise RuntimeError("session sealing is not configured (sealing.configure at start-up)")
    return _Keyring.sealer


class SealedText(TypeDecorator[str]):
    """Text sealed in the database, plain in Python."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else _sealer().seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        opened = _sealer().open(value)
        if not opened:
            logger.info("a session token could not be opened; that session has ended")
        return opened
