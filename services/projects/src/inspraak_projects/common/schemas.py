"""Schema pieces shared by the domains: slugs, people, pages."""

from typing import Annotated, Generic, TypeVar

from pydantic import BaseModel, StringConstraints

Slug = Annotated[
    str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=2, max_length=80)
]

T = TypeVar("T")


class PersonRef(BaseModel):
    """How one person appears to another: an id for staff tools and the username, nothing more."""

    user_id: str
    username: str


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None
