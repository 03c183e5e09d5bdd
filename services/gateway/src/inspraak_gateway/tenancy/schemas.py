"""The widget service's answer to the host lookup (its `/v1/internal/hosts/{host}`)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Redirect(BaseModel):
    model_config = ConfigDict(frozen=True)

    status: Literal[301, 302]
    location: str


class HostLookup(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    host: str
    tenant: str
    primary: str
    alias: bool
    redirect: Redirect | None = None
