"""The tenant spec (docs/tenant-spec.md) and what applying, deleting and exporting report."""

import re
from datetime import datetime
from typing import Annotated, Any, Literal, Self

from pydantic import AfterValidator, EmailStr, Field, field_validator, model_validator

from inspraak_identity.schemas import ApiModel, Language, ReadModel
from inspraak_shared.tenancy import TenantSlug

_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def _host_name(value: str) -> str:
    labels = value.split(".")
    if len(value) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(
            f"'{value}' is not a lowercase host name (no scheme, port or path; "
            "labels of a-z, 0-9 and '-')"
        )
    return value


HostName = Annotated[str, AfterValidator(_host_name)]


class Domains(ApiModel):
    primary: HostName
    aliases: list[HostName] = Field(default_factory=list, max_length=20)


class WidgetDomains(ReadModel):
    """`widget.domains.changed` data: the host names the IT officer set in the widget service."""

    version: int = Field(ge=1)
    primary: HostName
    aliases: list[HostName] = Field(default_factory=list)

    @property
    def hosts(self) -> list[str]:
        """Primary first, each host once (the realm's redirect URIs must be unique)."""
        return list(dict.fromkeys([self.primary, *self.aliases]))


class Branding(ApiModel):
    primary_color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    logo_url: str | None = Field(default=None, pattern=r"^https://\S+$", max_length=500)


class TenantSpec(ApiModel):
    """One municipality; unknown keys are refused."""

    slug: TenantSlug
    display_name: str = Field(min_length=1, max_length=200)
    country: Literal["NL", "BE"]
    default_language: Language
    languages: list[Language] = Field(min_length=1, max_length=3)
    domains: Domains
    allow_external_moderators: bool = False
    allow_self_registration: bool = True
    require_project_approval: bool = True
    bootstrap_superadmin_email: EmailStr
    keycloak_url: str | None = Field(default=None, pattern=r"^https?://[^\s/]+(/\S*)?$")
    branding: Branding | None = None

    @field_validator("languages")
    @classmethod
    def _languages_once(cls, value: list[Language]) -> list[Language]:
        if len(set(value)) != len(value):
            raise ValueError("a language appears twice")
        return value

    @field_validator("bootstrap_superadmin_email")
    @classmethod
    def _lowercase_email(cls, value: str) -> str:
        return value.lower()

    @field_validator("keycloak_url")
    @classmethod
    def _no_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.default_language not in self.languages:
            raise ValueError("defaultLanguage must be one of languages")
        hosts = self.hosts
        if len(set(hosts)) != len(hosts):
            raise ValueError("a domain appears twice")
        return self

    @property
    def hosts(self) -> list[str]:
        return [self.domains.primary, *self.domains.aliases]

    def document(self) -> dict[str, Any]:
        """The spec as stored and exported: camelCase, without unset optional parts."""
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)


class StepRead(ReadModel):
    name: str
    status: Literal["created", "updated", "unchanged", "deleted"]
    changes: list[str] = Field(default_factory=list)


class BootstrapInvitation(ReadModel):
    invitation_id: str
    email: str
    accept_url: str


class ApplyReport(ReadModel):
    slug: str
    changed: bool
    steps: list[StepRead]
    bootstrap_invitation: BootstrapInvitation | None = None


class DeleteReport(ReadModel):
    slug: str
    steps: list[StepRead]


class TenantRead(ReadModel):
    slug: str
    spec: dict[str, Any]
    created_at: datetime
    updated_at: datetime


class PublicTenant(ReadModel):
    """What anyone (the gateway, a sign-in page) may know about a tenant."""

    slug: str
    display_name: str
    country: str
    default_language: str
    languages: list[str]
    allow_self_registration: bool
    allow_external_moderators: bool
    branding: dict[str, Any] | None = None
    keycloak_realm_url: str
    web_client_id: str
