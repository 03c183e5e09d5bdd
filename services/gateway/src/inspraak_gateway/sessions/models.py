"""Sessions live here, not in the browser: the cookie holds only a random key whose
SHA-256 is the row's id, so a database leak does not hand out usable cookies; the
Keycloak tokens are sealed (see `sealing`), so it does not hand out usable tokens either."""

from datetime import UTC, datetime

from sqlalchemy import Column, DateTime
from sqlmodel import Field, SQLModel

from inspraak_gateway.sessions.sealing import SealedText


def utcnow() -> datetime:
    return datetime.now(UTC)


def _at(nullable: bool = False) -> Column:  # type: ignore[type-arg]
    return Column(DateTime(timezone=True), nullable=nullable)


class WebSession(SQLModel, table=True):
    __tablename__ = "web_session"

    id: str = Field(primary_key=True, max_length=64)  # sha256 of the cookie's key
    tenant: str = Field(max_length=63, index=True)
    user_id: str = Field(max_length=64, index=True)
    username: str = Field(max_length=255)
    csrf_token: str = Field(max_length=64)
    access_token: str = Field(sa_column=Column(SealedText, nullable=False))
    refresh_token: str = Field(sa_column=Column(SealedText, nullable=False))
    id_token: str = Field(sa_column=Column(SealedText, nullable=False))
    access_expires_at: datetime = Field(sa_column=_at())
    expires_at: datetime = Field(sa_column=_at())  # when the refresh token runs out
    language: str | None = Field(default=None, max_length=8)  # chosen with the switcher
    created_at: datetime = Field(default_factory=utcnow, sa_column=_at())


class LoginAttempt(SQLModel, table=True):
    """A sign-in on its way through Keycloak: the PKCE verifier never leaves the server."""

    __tablename__ = "login_attempt"

    id: str = Field(primary_key=True, max_length=64)  # sha256 of the `state` parameter
    tenant: str = Field(max_length=63)
    code_verifier: str = Field(max_length=128)
    nonce: str = Field(max_length=64)
    redirect_uri: str = Field(max_length=600)
    return_to: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=_at())
