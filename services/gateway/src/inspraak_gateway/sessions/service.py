"""Rules of sign-in and sessions: one-time `state`, PKCE, the nonce, where to go back to,
tokens refreshed before they expire, and sign-out that ends the Keycloak session."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

import jwt
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_gateway.sessions import repository
from inspraak_gateway.sessions.models import LoginAttempt, WebSession, utcnow
from inspraak_gateway.sessions.oidc import (
    KeycloakOidc,
    SessionEndedError,
    SignInFailedError,
    Tokens,
)
from inspraak_shared.auth import TokenRejectedError, TokenVerifier

ATTEMPT_LIFETIME = timedelta(minutes=10)
# Refresh a little early: the token must still be valid when the service checks it.
REFRESH_MARGIN = timedelta(seconds=30)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def safe_return_to(value: str | None) -> str:
    """Only a path on this host: `//evil.example` or a full URL would be an open redirect."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    return value[:2000]


async def start_login(
    session: AsyncSession,
    oidc: KeycloakOidc,
    *,
    tenant: str,
    redirect_uri: str,
    return_to: str,
    register: bool = False,
) -> tuple[str, str]:
    """The Keycloak URL to send the browser to, and the `state` to bind to its cookie."""
    now = utcnow()
    await repository.delete_expired(session, now, now - ATTEMPT_LIFETIME)
    state, verifier, nonce = (secrets.token_urlsafe(32), secrets.token_urlsafe(64),
                              secrets.token_urlsafe(16))  # fmt: skip
    await repository.add(
        session,
        LoginAttempt(
            id=digest(state),
            tenant=tenant,
            code_verifier=verifier,
            nonce=nonce,
            redirect_uri=redirect_uri,
            return_to=safe_return_to(return_to),
        ),
    )
    url = oidc.authorization_url(
        tenant,
        redirect_uri=redirect_uri,
        state=state,
        nonce=nonce,
        verifier=verifier,
        register=register,
    )
    return url, state


@dataclass(frozen=True)
class SignedIn:
    cookie_key: str
    web_session: WebSession
    return_to: str


async def complete_login(
    session: AsyncSession,
    oidc: KeycloakOidc,
    verifier: TokenVerifier,
    *,
    tenant: str,
    state: str,
    code: str,
) -> SignedIn:
    attempt = await repository.take_attempt(session, digest(state), tenant)
    if attempt is None or attempt.created_at < utcnow() - ATTEMPT_LIFETIME:
        raise SignInFailedError("This sign-in link has expired or was used. Please try again.")
    tokens = await oidc.exchange_code(
        tenant, code=code, verifier=attempt.code_verifier, redirect_uri=attempt.redirect_uri
    )
    _check_id_token(tokens, oidc, tenant, attempt.nonce)
    try:
        principal = await verifier.verify(tokens.access_token)
    except TokenRejectedError as exc:
        raise SignInFailedError(f"Keycloak's token was refused: {exc}") from exc
    if principal.tenant != tenant:
        raise SignInFailedError("This account belongs to another municipality.")
    cookie_key = secrets.token_urlsafe(32)
    web_session = WebSession(
        id=digest(cookie_key),
        tenant=tenant,
        user_id=principal.user_id,
        username=principal.username,
        csrf_token=secrets.token_urlsafe(32),
        **_token_fields(tokens),
    )
    await repository.add(session, web_session)
    return SignedIn(cookie_key, web_session, attempt.return_to)


def _check_id_token(tokens: Tokens, oidc: KeycloakOidc, tenant: str, nonce: str) -> None:
    # Received straight from the token endpoint over the back channel, so its origin is
    # certain (OIDC Core 3.1.3.7); the nonce ties it to this very sign-in.
    try:
        claims = jwt.decode(tokens.id_token, options={"verify_signature": False})
    except jwt.InvalidTokenError as exc:
        raise SignInFailedError("Keycloak sent no valid ID token.") from exc
    if (
        claims.get("iss") != oidc.issuer(tenant)
        or claims.get("aud") not in (oidc.client_id, [oidc.client_id])
        or not hmac.compare_digest(str(claims.get("nonce", "")), nonce)
    ):
        raise SignInFailedError("The sign-in answer does not belong to this sign-in.")


def _token_fields(tokens: Tokens) -> dict[str, object]:
    now = utcnow()
    return {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "id_token": tokens.id_token,
        "access_expires_at": now + timedelta(seconds=tokens.expires_in),
        "expires_at": now + timedelta(seconds=tokens.refresh_expires_in),
    }


async def current(session: AsyncSession, cookie_key: str, tenant: str) -> WebSession | None:
    row = await repository.get_session(session, digest(cookie_key), tenant)
    if row is None or row.expires_at <= utcnow():
        return None
    if not (row.access_token and row.refresh_token):
        # Sealed with another key (it was rotated): the session cannot go on.
        await repository.delete_session(session, row)
        return None
    return row


async def access_token(session: AsyncSession, oidc: KeycloakOidc, row: WebSession) -> str | None:
    """A valid access token of the session, refreshed at Keycloak when it runs out; None
    when Keycloak ended the session (the session is then removed here as well)."""
    if row.access_expires_at > utcnow() + REFRESH_MARGIN:
        return row.access_token
    # Locked: parallel requests of one browser refresh once, the others reuse the result.
    locked = await repository.get_session(session, row.id, row.tenant, lock=True)
    if locked is None:
        return row.access_token
    await session.refresh(locked)
    if locked.access_expires_at > utcnow() + REFRESH_MARGIN:
        return locked.access_token
    try:
        tokens = await oidc.refresh(locked.tenant, locked.refresh_token)
    except SessionEndedError:
        await repository.delete_session(session, locked)
        return None
    for name, value in _token_fields(tokens).items():
        setattr(locked, name, value)
    session.add(locked)
    await session.flush()
    return locked.access_token


async def renew(session: AsyncSession, oidc: KeycloakOidc, row: WebSession) -> None:
    """New tokens now, not when the old ones run out: after the person's roles changed
    (an external moderator accepted the terms), the next request must carry them. A
    session Keycloak already ended is left to the next request to clear."""
    locked = await repository.get_session(session, row.id, row.tenant, lock=True)
    if locked is None:
        return
    try:
        tokens = await oidc.refresh(locked.tenant, locked.refresh_token)
    except SessionEndedError:
        return
    for name, value in _token_fields(tokens).items():
        setattr(locked, name, value)
    session.add(locked)
    await session.flush()


def csrf_matches(row: WebSession, offered: str | None) -> bool:
    return bool(offered) and hmac.compare_digest(row.csrf_token, offered or "")


async def logout(session: AsyncSession, oidc: KeycloakOidc, row: WebSession) -> None:
    await repository.delete_session(session, row)
    await oidc.logout(row.tenant, row.refresh_token)


async def set_language(session: AsyncSession, row: WebSession, language: str) -> None:
    row.language = language
    session.add(row)
    await session.flush()


async def forget(session: AsyncSession, row: WebSession) -> None:
    """Remove the session here only (its Keycloak account no longer exists)."""
    await repository.delete_session(session, row)
