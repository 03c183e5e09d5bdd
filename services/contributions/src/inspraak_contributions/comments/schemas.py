"""Comments as the API takes and returns them."""

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from inspraak_contributions.inputs.schemas import AuthorRead
from inspraak_contributions.texts import LanguageMap

CommentBody = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)
]


class CommentBase(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CommentCreate(CommentBase):
    body: CommentBody = Field(description="Plain text.")
    parent_comment_id: Annotated[str, StringConstraints(max_length=64)] | None = None
    official: bool = Field(
        default=False, description="Reply as the municipality (moderators only)."
    )


class CommentUpdate(CommentBase):
    body: CommentBody


class ReactionCounts(BaseModel):
    up: int = 0
    down: int = 0


class CommentRead(BaseModel):
    comment_id: str
    input_id: str
    parent_comment_id: str | None
    author: AuthorRead
    mine: bool
    my_reaction: Literal["up", "down"] | None = Field(
        default=None, description="The signed-in caller's own reaction (null: none or anonymous)"
    )
    official: bool
    official_label: LanguageMap | None
    # None when deleted or hidden: the comment keeps its place in the thread.
    body: str | None
    placeholder: LanguageMap | None
    hidden: bool
    deleted: bool
    edited: bool
    reactions: ReactionCounts
    created_at: datetime
    updated_at: datetime
    replies: list["CommentRead"] = Field(default_factory=list)
