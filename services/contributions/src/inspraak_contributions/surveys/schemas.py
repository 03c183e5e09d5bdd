"""Survey answers as the API takes and returns them."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, StringConstraints

QuestionId = Annotated[str, StringConstraints(min_length=1, max_length=64)]
# Strict: JSON true must not pass as the scale answer 1.
AnswerValue = StrictStr | StrictInt | list[StrictStr] | dict[StrictStr, StrictStr]


class ResponseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


class AnswersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[QuestionId, AnswerValue] = Field(
        max_length=200,
        description="Per question: an option id (single choice), option ids (multiple "
        "choice, ranking), a number 1-5 (scale), text, or {row id: option id} (matrix).",
    )


class SubmitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[QuestionId, AnswerValue] | None = Field(
        default=None, max_length=200, description="Final answers; the saved draft when left out."
    )


class ResponseRead(BaseModel):
    phase_id: str
    status: ResponseStatus
    answers: dict[str, Any]
    updated_at: datetime | None
    submitted_at: datetime | None
