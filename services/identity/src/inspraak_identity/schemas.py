"""API conventions every domain's schemas share: camelCase JSON, languages, ids."""

from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.alias_generators import to_camel

Language = Literal["nl", "fr", "en"]
LANGUAGES: tuple[Language, ...] = ("nl", "fr", "en")

ScopeId = Annotated[
    str, StringConstraints(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.-]+$")
]


class ApiModel(BaseModel):
    """JSON in camelCase; Python in snake_case; unknown fields refused."""

    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", from_attributes=True
    )


class ReadModel(ApiModel):
    """What the API returns: built from rows and dicts that hold more than it shows."""

    model_config = ConfigDict(extra="ignore")


class LocalizedText(ApiModel):
    nl: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    en: str = Field(min_length=1)


def utcnow() -> datetime:
    return datetime.now(UTC)
