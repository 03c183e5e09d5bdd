"""Settings of the identity service: environment variables prefixed INSPRAAK_IDENTITY_."""

from typing import Literal, Self

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import SettingsConfigDict

from inspraak_shared.config import DEVELOPMENT_SECRETS, Environment, ServiceSettings

# An operator token shorter than this is guessable; production refuses it.
MIN_OPERATOR_TOKEN_LENGTH = 32


class IdentitySettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="INSPRAAK_IDENTITY_", extra="ignore", frozen=True)

    database_url: str = "sqlite+aiosqlite:///./.stack/data/identity.db"
    keycloak_admin_user: str = Field(
        default="admin",
        description="Admin account (in keycloak_admin_realm) that provisions realms and users; "
        "the same account on every Keycloak instance a tenant's keycloakUrl names.",
    )
    keycloak_admin_password: SecretStr = SecretStr("admin")
    keycloak_admin_realm: str = "master"
    keycloak_admin_client_id: str = "admin-cli"
    keycloak_admin_timeout_seconds: float = Field(
        default=60.0,
        gt=0,
        description="How long one Keycloak admin call may take; a Keycloak with many realms "
        "can take minutes on the first call to a new realm.",
    )
    operator_token: SecretStr = Field(
        default=SecretStr("change-me"),
        description="Bearer token of the operator API (/v1/operator/...).",
    )
    invitation_lifetime_days: int = Field(default=14, ge=1, le=90)
    invitation_sweep_seconds: float = Field(
        default=60.0, gt=0, description="How often the worker marks expired invitations."
    )
    accept_url_pattern: str = Field(
        default="{origin}/invitations/accept?token={token}",
        description="Link in invitation e-mails; {origin} is where browsers reach the "
        "tenant's primary domain (web_scheme, the domain and web_port: "
        "https://<domain> in production), {domain} that domain, {tenant} its slug, {token} "
        "the invitation token.",
    )
    support_access_max_hours: int = Field(default=24 * 30, ge=1)
    scope_wait_seconds: float = Field(
        default=10.0,
        ge=0,
        le=60,
        description="How long an invitation naming a project or department identity does "
        "not know yet waits for the projects service's event (one created a moment ago) "
        "before it is refused; a CSV file waits this long in all.",
    )
    web_scheme: Literal["https", "http"] = Field(
        default="https",
        description="Scheme of the web app's sign-in redirect URIs; http only on a "
        "developer's machine (production refuses it).",
    )
    web_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="Port of the web app in its sign-in redirect URIs, when browsers reach "
        "the gateway on a port of its own (`make run`); unset means the scheme's default "
        "port. Only on a developer's machine (production refuses it).",
    )
    max_scopes_in_token: int = Field(
        default=50,
        ge=0,
        description="Scoped roles beyond this many stay out of the token (events carry them).",
    )

    @model_validator(mode="after")
    def _refuse_default_identity_secrets(self) -> Self:
        if self.environment is not Environment.PRODUCTION:
            return self
        token = self.operator_token.get_secret_value()
        if token in DEVELOPMENT_SECRETS or len(token) < MIN_OPERATOR_TOKEN_LENGTH:
            raise ValueError(
                f"production needs an operator_token of at least {MIN_OPERATOR_TOKEN_LENGTH} "
                "characters that is not a development default"
            )
        if self.keycloak_admin_password.get_secret_value() in DEVELOPMENT_SECRETS:
            raise ValueError("production refuses a development keycloak_admin_password")
        if self.web_scheme != "https":
            raise ValueError("production signs people in over https only (web_scheme)")
        if self.web_port is not None:
            raise ValueError("production serves the web app on the default port (web_port)")
        return self
