"""identity's `tenant.applied` data (docs/events.md), as far as the widget reads it."""

from pydantic import BaseModel, ConfigDict, Field

from inspraak_widget.texts import Language


class SpecDomains(BaseModel):
    model_config = ConfigDict(extra="ignore")

    primary: str
    aliases: list[str] = Field(default_factory=list)


class SpecBranding(BaseModel):
    model_config = ConfigDict(extra="ignore")

    primary_color: str | None = Field(default=None, pattern=r"^#[0-9a-fA-F]{6}$")
    logo_url: str | None = None


class TenantApplied(BaseModel):
    model_config = ConfigDict(extra="ignore")

    slug: str
    # docs/events.md promises a version; identity does not send one yet (then the latest
    # delivered snapshot wins, which JetStream's per-subject order makes the latest sent).
    version: int | None = None
    display_name: str
    default_language: Language
    languages: list[Language] = Field(min_length=1)
    domains: SpecDomains
    branding: SpecBranding | None = None
