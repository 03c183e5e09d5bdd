"""Inputs as the API takes and returns them."""

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, HttpUrl, StringConstraints
from shapely.errors import GEOSException
from shapely.geometry import shape

from inspraak_contributions.texts import LanguageMap

ALLOWED_GEOMETRIES = frozenset({"Point", "LineString", "Polygon", "MultiPolygon"})


class InputStatus(StrEnum):
    PROPOSED = "proposed"
    UNDER_CONSIDERATION = "under_consideration"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


def _valid_geometry(value: dict[str, Any]) -> dict[str, Any]:
    if value.get("type") not in ALLOWED_GEOMETRIES:
        raise ValueError(f"a location is a GeoJSON {', '.join(sorted(ALLOWED_GEOMETRIES))}")
    try:
        geometry = shape(value)
    except (GEOSException, ValueError, TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ValueError("the location is not valid GeoJSON") from exc
    if geometry.is_empty or not geometry.is_valid:
        raise ValueError("the location is empty or not a valid geometry")
    return {"type": value["type"], "coordinates": value["coordinates"]}


GeoJsonGeometry = Annotated[dict[str, Any], AfterValidator(_valid_geometry)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Ref = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class InputBase(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputCreate(InputBase):
    title: Title
    body: Body = Field(description="Rich text (HTML); sanitised to a safe subset.")
    topic_id: Ref | None = None
    area_id: Ref | None = None
    image_urls: list[HttpUrl] = Field(default_factory=list, max_length=4)
    location: GeoJsonGeometry | None = None


class InputUpdate(InputBase):
    title: Title | None = None
    body: Body | None = None
    topic_id: Ref | None = None
    area_id: Ref | None = None
    image_urls: list[HttpUrl] | None = Field(default=None, max_length=4)
    location: GeoJsonGeometry | None = None


class StatusChange(InputBase):
    status: InputStatus
    official_response: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None
    ) = None


class CostChange(InputBase):
    cost: Decimal = Field(ge=0, le=Decimal("999999999999.99"), decimal_places=2)


class AuthorRead(BaseModel):
    """Other people see a username only, or that the person left the platform."""

    username: str | None
    former_participant: bool
    display: LanguageMap


class Counts(BaseModel):
    comments: int = 0
    up: int = 0
    down: int = 0
    votes: int = 0


class InputRead(BaseModel):
    input_id: str
    version: int
    project_id: str
    phase_id: str
    author: AuthorRead
    mine: bool
    my_reaction: Literal["up", "down"] | None = Field(
        default=None, description="The signed-in caller's own reaction (null: none or anonymous)"
    )
    title: str
    body: str
    topic_id: str | None
    area_id: str | None
    image_urls: list[str]
    location: dict[str, Any] | None
    status: InputStatus
    official_response: str | None
    official_response_at: datetime | None
    cost: Decimal | None
    hidden: bool
    hidden_reason: str | None = None
    counts: Counts
    created_at: datetime
    updated_at: datetime


class InputPage(BaseModel):
    items: list[InputRead]
    next_cursor: str | None
