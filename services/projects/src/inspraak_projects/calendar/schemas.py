"""Content calendar API shapes."""

import uuid
from datetime import datetime
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from inspraak_projects.common.text import LangText

Language = Literal["nl", "fr", "en"]


class EvaluationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: LangText = Field(min_length=1)
    planned_for: AwareDatetime
    department_id: uuid.UUID | None = None
    project_id: uuid.UUID | None = None


class EvaluationRead(BaseModel):
    id: uuid.UUID
    title: dict[str, str]
    planned_for: datetime
    department_id: uuid.UUID | None
    project_id: uuid.UUID | None


class FeedCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department_id: uuid.UUID | None = Field(
        default=None, description="Only this department's projects (required for department heads)"
    )
    language: Language | None = None


class FeedRead(BaseModel):
    id: uuid.UUID
    department_id: uuid.UUID | None
    language: str
    created_at: datetime


class FeedCreated(FeedRead):
    token: str = Field(description="Shown once: the secret part of the subscription link")
    path: str = Field(description="The subscription link's path, under the service's base URL")
