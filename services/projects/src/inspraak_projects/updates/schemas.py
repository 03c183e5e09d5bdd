"""Project update API shapes."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from inspraak_projects.common.text import LangRichText, LangText


class UpdateCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: LangText = Field(min_length=1)
    body: LangRichText = Field(min_length=1)


class UpdateRead(BaseModel):
    id: uuid.UUID
    project_id: uuid.UUID
    title: dict[str, str]
    body: dict[str, str]
    posted_by_username: str | None = Field(
        description="null once the author's account was erased (shown as a former staff member)"
    )
    posted_at: datetime
