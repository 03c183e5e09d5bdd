"""A widget's view and options, as they come in the snippet's query string."""

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from inspraak_widget.texts import Language

_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,119}$"


class View(StrEnum):
    PROJECTS = "projects"  # the tenant's active projects
    PROJECT = "project"  # one project's summary, current phase and call to action
    INPUTS = "inputs"  # the latest inputs of one project
    BUTTON = "button"  # a plain "Have your say" button


class Sort(StrEnum):
    NEWEST = "newest"
    CLOSING = "closing"  # the current phase that ends first
    TITLE = "title"
    POPULAR = "popular"  # inputs with most support


SORTS_BY_VIEW: dict[View, tuple[Sort, ...]] = {
    View.PROJECTS: (Sort.NEWEST, Sort.CLOSING, Sort.TITLE),
    View.INPUTS: (Sort.NEWEST, Sort.POPULAR),
    View.PROJECT: (Sort.NEWEST,),
    View.BUTTON: (Sort.NEWEST,),
}


class WidgetOptions(BaseModel):
    # Unknown query parameters (a cache buster, a tracking tag) are ignored, not refused.
    model_config = ConfigDict(extra="ignore")

    lang: Language | None = Field(
        default=None, description="nl, fr or en; the tenant's default language when not offered"
    )
    color: str | None = Field(
        default=None,
        pattern=r"^#?[0-9a-fA-F]{6}$",
        description="Main colour as 6 hex digits (the tenant's branding when absent)",
    )
    limit: int = Field(default=5, ge=1, le=20, description="Number of items")
    sort: Sort = Sort.NEWEST
    project: str | None = Field(default=None, pattern=_ID, description="Project id or slug")
    department: str | None = Field(default=None, pattern=_ID, description="Department id")
    area: str | None = Field(default=None, pattern=_ID, description="Area id")
    topic: str | None = Field(default=None, pattern=_ID, description="Topic id")


Mode = Literal["fragment", "frame"]
