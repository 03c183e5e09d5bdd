"""Roles in and out, and the rule of which role takes which scope."""

from datetime import datetime
from enum import StrEnum
from typing import Literal, Self

from pydantic import Field, model_validator

from inspraak_identity.schemas import ApiModel, ReadModel, ScopeId


class GrantStatus(StrEnum):
    ACTIVE = "active"
    PENDING_TERMS = "pending_terms"
    REVOKED = "revoked"


TENANT_ROLES = ("superadmin", "policy_maker", "communications", "it_admin")
PLATFORM_ROLES = ("support",)
SCOPES = {"department_head": "department", "project_moderator": "project"}
AssignableRole = Literal[
    "superadmin",
    "policy_maker",
    "communications",
    "it_admin",
    "support",
    "department_head",
    "project_moderator",
]


class RoleAssignment(ApiModel):
    """A role with its scope: only scoped roles take a scopeId, only moderators `external`."""

    role: AssignableRole
    scope_id: ScopeId | None = None
    external: bool = False

    @model_validator(mode="after")
    def _scope_fits_role(self) -> Self:
        if self.role in SCOPES and self.scope_id is None:
            raise ValueError(f"{self.role} needs a scopeId (the {SCOPES[self.role]})")
        if self.role not in SCOPES and self.scope_id is not None:
            raise ValueError(f"{self.role} is tenant-wide and takes no scopeId")
        if self.external and self.role != "project_moderator":
            raise ValueError("only a project_moderator can be external")
        return self

    @property
    def scope(self) -> str | None:
        return SCOPES.get(self.role)


class RoleGrantCreate(RoleAssignment):
    """The person by their user id, or by their exact username (the only thing other
    staff see of a person), never both."""

    user_id: str | None = Field(default=None, min_length=1, max_length=64)
    username: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _one_person(self) -> Self:
        if (self.user_id is None) == (self.username is None):
            raise ValueError("name the person by either userId or username")
        return self


class RoleGrantRead(ReadModel):
    id: str
    user_id: str
    username: str
    role: str
    scope: str | None
    scope_id: str | None
    external: bool
    status: GrantStatus
    granted_by: str
    granted_at: datetime
    activated_at: datetime | None
    revoked_at: datetime | None


class SupportAccessCreate(ApiModel):
    hours: int = Field(ge=1, description="How long support may act in this tenant")
    reason: str = Field(min_length=3, max_length=500)


class SupportAccessRead(ReadModel):
    id: str
    granted_by_username: str
    reason: str
    starts_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    active: bool
