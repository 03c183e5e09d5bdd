"""Scenario rankings as the API takes and returns them."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class RankingIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    ranking: list[Annotated[str, StringConstraints(min_length=1, max_length=64)]] = Field(
        min_length=1, max_length=50, description="Every scenario id once, most preferred first."
    )


class RankingRead(BaseModel):
    phase_id: str
    ranking: list[str]
    updated_at: datetime | None
