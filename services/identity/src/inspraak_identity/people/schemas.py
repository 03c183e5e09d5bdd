"""People in and out: what everyone may see is the username, nothing more."""

import uuid
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import EmailStr, Field, PlainSerializer, field_validator, model_validator

from inspraak_identity.invitations.schemas import USERNAME_PATTERN
from inspraak_identity.schemas import ApiModel, Language, ReadModel

Kind = Literal["person", "organisation"]
OrganisationType = Literal["organisation", "council", "neighbourhood"]
# An area of the projects service (its ids are UUIDs). Only the shape is checked here: no
# event tells identity which areas exist, so contributions simply finds no phase for an
# unknown one. Kept as the canonical lowercase string the projects service sends.
AreaId = Annotated[
    uuid.UUID,
    PlainSerializer(str, return_type=str),
    Field(description="Your neighbourhood: the id of one of the municipality's areas"),
]


class RegistrationCreate(ApiModel):
    username: str = Field(pattern=USERNAME_PATTERN, description="Public; not an e-mail address")
    email: EmailStr
    password: str = Field(min_length=10, max_length=128)
    kind: Kind = "person"
    organisation_type: OrganisationType | None = None
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    language: Language | None = None
    area_id: AreaId | None = None

    @field_validator("email")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        return value.lower()

    @model_validator(mode="after")
    def _organisation_type_only_for_organisations(self) -> Self:
        if self.kind == "organisation" and self.organisation_type is None:
            self.organisation_type = "organisation"
        if self.kind == "person" and self.organisation_type is not None:
            raise ValueError("organisationType is only for an organisation profile")
        return self


class Registered(ReadModel):
    user_id: str
    username: str
    kind: Kind


class PublicProfile(ReadModel):
    """All that other users see of someone."""

    username: str
    is_organisation: bool
    organisation_type: OrganisationType | None = None


class GrantSummary(ReadModel):
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    status: str


class MeRead(ReadModel):
    user_id: str
    username: str
    email: str | None
    first_name: str | None
    last_name: str | None
    kind: Kind
    organisation_type: OrganisationType | None
    language: str | None
    area_id: str | None = Field(
        default=None, description="The area you declared; never shown to others"
    )
    roles: list[str]
    grants: list[GrantSummary]
    created_at: datetime


class MeUpdate(ApiModel):
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)
    language: Language | None = None
    area_id: AreaId | None = Field(
        default=None, description="Your neighbourhood; null clears it, absent keeps it"
    )


class ContactRead(ReadModel):
    """E-mail and names: for the person and roles that need them; every staff read is audited."""

    user_id: str
    username: str
    email: str | None
    first_name: str | None
    last_name: str | None


class ErasureRequest(ApiModel):
    confirm_username: str = Field(description="The username again: erasure cannot be undone")


class Erased(ReadModel):
    user_id: str
    erased_at: datetime
