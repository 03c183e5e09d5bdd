"""Path redirects in and out, with the validation of paths and targets."""

import re
import uuid
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from inspraak_widget.hostnames import validate_host

_SEGMENT = re.compile(r"^[a-z0-9._~-]+$")
_TARGET_PATH = re.compile(r"^/(?!/)[A-Za-z0-9._~!$&'()*+,;=:@%/?#-]*$")
# Paths the platform itself serves: a redirect there would hide the platform's own pages.
RESERVED_PREFIXES = (
    "/v1",
    "/api",
    "/auth",
    "/.well-known",
    "/healthz",
    "/readyz",
    "/metrics",
    "/static",
)


def normalise_path(value: str) -> str:
    """How a request path is compared with redirect sources: lowercase, no trailing slash."""
    path = value.split("?", 1)[0].split("#", 1)[0].lower()
    return path.rstrip("/") or "/"


def validate_source_path(value: str) -> str:
    path = normalise_path(value.strip())
    if not value.startswith("/") or path == "/":
        raise ValueError("a redirect starts from a path such as /omgevingsvisie")
    if "?" in value or "#" in value:
        raise ValueError("a redirect source is a path without a query or fragment")
    segments = path[1:].split("/")
    if not all(_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments):
        raise ValueError("use letters, digits, '-', '_', '.' and '~' between the slashes")
    if any(path == p or path.startswith(p + "/") for p in RESERVED_PREFIXES):
        raise ValueError(f"{path} is reserved for the platform itself")
    return path


def validate_target(value: str) -> str:
    value = value.strip()
    if value.startswith("/"):
        if not _TARGET_PATH.fullmatch(value):
            raise ValueError("a target path starts with one '/' and holds no spaces")
        return value
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.port:
        raise ValueError("a target is a path such as /projects/x or an https:// address")
    validate_host(parts.hostname)
    if any(c.isspace() for c in value):
        raise ValueError("a target holds no spaces")
    return value


SourcePath = Annotated[str, Field(max_length=300), AfterValidator(validate_source_path)]
Target = Annotated[str, Field(min_length=1, max_length=2000), AfterValidator(validate_target)]


class ApiModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RedirectBase(ApiModel):
    target: Target
    permanent: bool = Field(default=True, description="301 when true, 302 when false")


class RedirectCreate(RedirectBase):
    source_path: SourcePath


class RedirectUpdate(RedirectBase):
    pass


class RedirectRead(ApiModel):
    id: uuid.UUID
    source_path: str
    target: str
    permanent: bool
    created_at: datetime
    updated_at: datetime
