"""Department API shapes."""

import uuid

from pydantic import BaseModel, ConfigDict, Field

from inspraak_projects.common.schemas import PersonRef, Slug
from inspraak_projects.common.text import LangText


class DepartmentBase(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DepartmentCreate(DepartmentBase):
    slug: Slug
    name: LangText = Field(min_length=1)


class DepartmentUpdate(DepartmentBase):
    slug: Slug | None = None
    name: LangText | None = None


class DepartmentRead(BaseModel):
    id: uuid.UUID
    slug: str
    name: dict[str, str]
    version: int


class DepartmentHeads(BaseModel):
    department_id: uuid.UUID
    heads: list[PersonRef]
