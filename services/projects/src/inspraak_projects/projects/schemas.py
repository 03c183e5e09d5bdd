"""Project API shapes: what staff write, what residents and staff read."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
)

from inspraak_projects.common.geo import validate_area_geometry
from inspraak_projects.common.schemas import PersonRef, Slug
from inspraak_projects.common.text import LangRichText, LangText, LongText, sanitize_html
from inspraak_projects.phases.models import PhaseKind
from inspraak_projects.phases.schemas import PhaseRead
from inspraak_projects.projects.models import ProjectStatus, Visibility

HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s<>\"']+$", max_length=2000)]
AreaGeometry = Annotated[dict[str, Any], AfterValidator(validate_area_geometry)]
RichText = Annotated[LongText, AfterValidator(sanitize_html)]
UserId = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class Contact(BaseModel):
    """The municipality's contact person for the project, shown on the page."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    role: Annotated[str, StringConstraints(max_length=120)] | None = None
    email: EmailStr | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^[0-9 +()./-]{6,30}$")] | None = None


class ProjectContent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    summary: LangText | None = None
    description: LangRichText | None = None
    goal: LangRichText | None = None
    input_use: LangRichText | None = Field(
        default=None, description="What will be done with the input"
    )
    target_audience: LangText | None = None
    agreement_note: RichText | None = Field(
        default=None, description="Staff only: goals, stakeholders and each one's task package"
    )
    contact: Contact | None = None
    header_image_url: HttpsUrl | None = None
    area_geometry: AreaGeometry | None = Field(default=None, description="GeoJSON (Multi)Polygon")
    area_ids: list[uuid.UUID] | None = Field(default=None, max_length=100)
    topic_ids: list[uuid.UUID] | None = Field(default=None, max_length=100)


class ProjectCreate(ProjectContent):
    department_id: uuid.UUID
    title: LangText = Field(min_length=1)
    slug: Slug | None = None


class ProjectUpdate(ProjectContent):
    """Fields left out stay as they are; `null` clears the optional ones."""

    department_id: uuid.UUID | None = None
    title: LangText | None = None
    slug: Slug | None = None


class VisibilityChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    visibility: Visibility


class AccessList(BaseModel):
    model_config = ConfigDict(extra="forbid")

    user_ids: list[UserId] = Field(max_length=5000)


class SendBack(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: Annotated[str, StringConstraints(min_length=1, max_length=5000, strip_whitespace=True)]


class Approve(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: Annotated[str, StringConstraints(max_length=5000, strip_whitespace=True)] = ""


class PhaseBrief(BaseModel):
    id: uuid.UUID
    kind: PhaseKind
    title: dict[str, str]
    starts_at: datetime
    ends_at: datetime


class ProjectListItem(BaseModel):
    id: uuid.UUID
    slug: str
    department_id: uuid.UUID
    status: ProjectStatus
    visibility: Visibility
    title: dict[str, str]
    summary: dict[str, str]
    header_image_url: str | None
    area_ids: list[uuid.UUID]
    topic_ids: list[uuid.UUID]
    published_at: datetime | None
    current_phase: PhaseBrief | None


class ProjectRead(BaseModel):
    """What anyone who may read the project sees."""

    id: uuid.UUID
    slug: str
    department_id: uuid.UUID
    status: ProjectStatus
    visibility: Visibility
    version: int
    title: dict[str, str]
    summary: dict[str, str]
    description: dict[str, str]
    goal: dict[str, str]
    input_use: dict[str, str]
    target_audience: dict[str, str]
    contact: Contact | None
    header_image_url: str | None
    area_geometry: dict[str, Any] | None
    area_ids: list[uuid.UUID]
    topic_ids: list[uuid.UUID]
    phases: list[PhaseRead]
    current_phase_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    published_at: datetime | None
    archived_at: datetime | None
    following: bool | None = Field(
        default=None, description="Whether the signed-in caller follows it"
    )


class Moderator(PersonRef):
    external: bool


class DecisionKind(StrEnum):
    APPROVED = "approved"
    SENT_BACK = "sent_back"


class ApprovalRead(BaseModel):
    decision: DecisionKind
    comment: str
    decided_by_username: str | None
    decided_at: datetime


class ProjectStaffRead(ProjectRead):
    """Staff see the working side too: agreement note, team, access list, approvals."""

    agreement_note: str
    moderators: list[Moderator]
    allowed_user_ids: list[str]
    follower_count: int
    approvals: list[ApprovalRead]
    missing_for_publication: list[str]


class WidgetProject(BaseModel):
    """A small, cacheable card for the municipality's website: no personal data."""

    id: uuid.UUID
    slug: str
    title: dict[str, str]
    summary: dict[str, str]
    header_image_url: str | None
    current_phase: PhaseBrief | None
    next_phase: PhaseBrief | None


class Following(BaseModel):
    following: bool
