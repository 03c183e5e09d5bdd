"""Area and topic API shapes."""

import uuid

from pydantic import BaseModel, ConfigDict, Field

from inspraak_projects.common.schemas import Slug
from inspraak_projects.common.text import LangText


class TermCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: Slug
    name: LangText = Field(min_length=1)


class TermUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: LangText = Field(min_length=1)


class TermRead(BaseModel):
    id: uuid.UUID
    slug: str
    name: dict[str, str]
