"""The payload of identity's `role.granted` / `role.revoked` events, as identity sends it."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class GrantStatus(StrEnum):
    PENDING_TERMS = "pending_terms"
    ACTIVE = "active"
    REVOKED = "revoked"


# Identity moves a grant only forward (pending_terms -> active -> revoked; a new grant gets a
# new id), so the stage orders events of one grant without trusting clocks.
STAGE = {GrantStatus.PENDING_TERMS: 1, GrantStatus.ACTIVE: 2, GrantStatus.REVOKED: 3}


class RoleGrantEvent(BaseModel):
    """`status` is the state after a grant and the state before a revoke."""

    model_config = ConfigDict(extra="ignore")

    grant_id: str = Field(min_length=1, max_length=64)
    user_id: str = Field(min_length=1, max_length=64)
    username: str = Field(max_length=255)
    role: str = Field(max_length=40)
    scope: str | None = Field(default=None, max_length=20)
    scope_id: str | None = Field(default=None, max_length=100)
    external: bool = False
    status: str = Field(max_length=20)
