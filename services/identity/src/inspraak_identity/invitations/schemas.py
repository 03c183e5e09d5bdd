"""Invitations in and out."""

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import EmailStr, Field, field_validator

from inspraak_identity.roles.schemas import RoleAssignment
from inspraak_identity.schemas import ApiModel, Language, ReadModel

USERNAME_PATTERN = r"^[a-zA-Z0-9][a-zA-Z0-9._-]{2,29}$"


class InvitationStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REVOKED = "revoked"
    EXPIRED = "expired"


class InvitationCreate(RoleAssignment):
    email: EmailStr
    message: str | None = Field(default=None, max_length=2000)
    language: Language | None = None

    @field_validator("email")
    @classmethod
    def _lowercase(cls, value: str) -> str:
        return value.lower()


class InvitationRead(ReadModel):
    id: str
    email: str
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    message: str | None
    language: str
    status: InvitationStatus
    expires_at: datetime
    created_at: datetime
    invited_by_username: str
    sent_count: int
    last_sent_at: datetime
    accepted_at: datetime | None
    revoked_at: datetime | None


class InvitationToken(ApiModel):
    token: str = Field(min_length=16, max_length=200)


class InvitationPreview(ReadModel):
    """What the accept page shows before the person decides."""

    tenant_display_name: str
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    message: str | None
    language: str
    invited_by_username: str
    expires_at: datetime
    needs_terms: bool


class InvitationAccept(ApiModel):
    """Signed in: the token alone. Otherwise: a new account's username and password."""

    token: str = Field(min_length=16, max_length=200)
    username: str | None = Field(default=None, pattern=USERNAME_PATTERN)
    password: str | None = Field(default=None, min_length=10, max_length=128)
    first_name: str | None = Field(default=None, max_length=100)
    last_name: str | None = Field(default=None, max_length=100)


class InvitationAccepted(ReadModel):
    user_id: str
    username: str
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    grant_status: str
    terms_version: int | None = None


class BulkRow(ReadModel):
    row: int
    email: str | None
    status: Literal["created", "failed"]
    invitation_id: str | None = None
    error: str | None = None
    # The refusal's RFC 9457 problem type, so a client can say it in the person's language.
    problem_type: str | None = None


class BulkReport(ReadModel):
    created: int
    failed: int
    rows: list[BulkRow]
