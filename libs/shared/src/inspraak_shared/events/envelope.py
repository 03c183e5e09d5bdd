"""CloudEvents 1.0 structured-mode envelope, and how it maps onto NATS subjects."""

import re
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TYPE_PREFIX = "eu.inspraak"
_TYPE_PATTERN = re.compile(
    r"^eu\.inspraak\.(?P<service>[a-z][a-z0-9_]*)\.(?P<entity>[a-z][a-z0-9_]*)"
    r"\.(?P<verb>[a-z][a-z0-9_]*)\.v(?P<version>\d+)$"
)
_TOKEN_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class CloudEvent(BaseModel):
    """An event as it travels: `type` eu.inspraak.<service>.<entity>.<verb>.v<n>."""

    model_config = ConfigDict(frozen=True)

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    source: str
    type: str = Field(pattern=_TYPE_PATTERN.pattern)
    subject: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    datacontenttype: Literal["application/json"] = "application/json"
    tenant: str
    data: dict[str, Any] = Field(default_factory=dict)

    def _type_parts(self) -> dict[str, str]:
        match = _TYPE_PATTERN.fullmatch(self.type)
        assert match is not None  # the field pattern guarantees it
        return match.groupdict()

    @property
    def service(self) -> str:
        return self._type_parts()["service"]

    @property
    def nats_subject(self) -> str:
        parts = self._type_parts()
        return f"inspraak.{self.tenant}.{parts['service']}.{parts['entity']}.{parts['verb']}"

    def to_json(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "CloudEvent":
        return cls.model_validate_json(raw)


def new_event(
    *,
    tenant: str,
    service: str,
    entity: str,
    verb: str,
    subject: str,
    data: dict[str, Any],
    version: int = 1,
) -> CloudEvent:
    for name, token in (("service", service), ("entity", entity), ("verb", verb)):
        if not _TOKEN_PATTERN.fullmatch(token):
            raise ValueError(f"event {name} '{token}' must be lowercase letters, digits or _")
    return CloudEvent(
        source=f"/services/{service}",
        type=f"{TYPE_PREFIX}.{service}.{entity}.{verb}.v{version}",
        subject=subject,
        tenant=tenant,
        data=data,
    )
