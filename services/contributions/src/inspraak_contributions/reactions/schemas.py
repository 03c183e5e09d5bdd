"""Reactions as the API takes and returns them."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class ReactionValue(StrEnum):
    UP = "up"
    DOWN = "down"


class ItemType(StrEnum):
    INPUT = "input"
    COMMENT = "comment"


class ReactionSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: ReactionValue


class ReactionState(BaseModel):
    item_type: ItemType
    item_id: str
    mine: ReactionValue | None
    up: int
    down: int
