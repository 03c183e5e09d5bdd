"""Signed one-click unsubscribe tokens: who, which tenant, which notification type.

HMAC-SHA256 over the payload with the service's secret. They do not expire: an
unsubscribe link in an old mail must still work (RFC 8058 expects that).
"""

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass


@dataclass(frozen=True)
class UnsubscribeClaim:
    tenant: str
    user_id: str
    kind: str


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(secret: str, payload: str) -> str:
    return _encode(hmac.new(secret.encode(), payload.encode(), hashlib.sha256).digest())


def sign(secret: str, claim: UnsubscribeClaim) -> str:
    body = json.dumps(
        {"t": claim.tenant, "u": claim.user_id, "k": claim.kind}, separators=(",", ":")
    )
    payload = _encode(body.encode())
    return f"{payload}.{_signature(secret, payload)}"


def verify(secret: str, token: str) -> UnsubscribeClaim | None:
    """The claim, or None for anything not signed by us."""
    payload, _, signature = token.partition(".")
    if not payload or not hmac.compare_digest(signature, _signature(secret, payload)):
        return None
    try:
        data = json.loads(_decode(payload))
        return UnsubscribeClaim(tenant=str(data["t"]), user_id=str(data["u"]), kind=str(data["k"]))
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
