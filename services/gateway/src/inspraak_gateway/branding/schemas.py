"""identity's `tenant.applied` data as far as the gateway reads it, and what pages use."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

Language = Annotated[str, StringConstraints(pattern=r"^(nl|fr|en)$")]
# Only a plain 6-digit hex colour reaches a style sheet: nothing else can smuggle CSS in.
HexColour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
SUPPORTED_LANGUAGES: tuple[str, ...] = ("nl", "fr", "en")


class BrandingIn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    primary_color: str | None = None
    logo_url: str | None = None


class TenantApplied(BaseModel):
    model_config = ConfigDict(extra="ignore")

    slug: str
    version: int
    display_name: str
    default_language: str = "nl"
    languages: list[str] = Field(default_factory=lambda: list(SUPPORTED_LANGUAGES))
    allow_self_registration: bool = True
    branding: BrandingIn | None = None

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str]) -> list[str]:
        known = [lang for lang in value if lang in SUPPORTED_LANGUAGES]
        return known or ["nl"]


class Branding(BaseModel):
    """What a page needs of its municipality (a neutral default when nothing is known)."""

    model_config = ConfigDict(frozen=True)

    tenant: str
    version: int = 0
    display_name: str
    default_language: Language = "nl"
    languages: tuple[str, ...] = SUPPORTED_LANGUAGES
    primary_color: HexColour | None = None
    logo_url: str | None = None
    allow_self_registration: bool = True


class HostProbe(BaseModel):
    """`GET /.well-known/inspraak/host`: which municipality this host reaches."""

    tenant: str
    host: str
