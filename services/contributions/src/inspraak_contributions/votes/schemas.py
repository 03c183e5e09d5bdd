"""Votes and budget baskets as the API takes and returns them."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Ref = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class VoteCast(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input_id: Ref


class BasketUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    input_ids: list[Ref] = Field(max_length=200)


class VoteResult(BaseModel):
    input_id: str
    votes: int
    votes_used: int
    max_votes: int | None


class BasketItem(BaseModel):
    """An input, or a costed item the municipality offered (its id is then the item's)."""

    input_id: str
    title: str | dict[str, str]
    cost: Decimal


class BallotRead(BaseModel):
    phase_id: str
    method: str
    max_votes: int | None
    budget: Decimal | None
    currency: str | None
    voted_input_ids: list[str]
    basket: list[BasketItem]
    basket_total: Decimal
    basket_submitted_at: datetime | None
    # The submitted basket differs from the one being edited: submit again to count it.
    basket_changed_since_submission: bool
