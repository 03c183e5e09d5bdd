"""Terms of use in and out."""

from datetime import datetime

from pydantic import Field

from inspraak_identity.schemas import ApiModel, ReadModel


class TermsText(ApiModel):
    """The text per language; the tenant's languages must be present."""

    nl: str | None = Field(default=None, min_length=1, max_length=20000)
    fr: str | None = Field(default=None, min_length=1, max_length=20000)
    en: str | None = Field(default=None, min_length=1, max_length=20000)


class TermsUpdate(ApiModel):
    text: TermsText


class TermsRead(ReadModel):
    version: int
    text: dict[str, str]
    updated_at: datetime


class TermsAcceptanceCreate(ApiModel):
    version: int = Field(ge=1)


class TermsAcceptanceRead(ReadModel):
    version: int
    accepted_at: datetime
    activated_roles: list[str]
