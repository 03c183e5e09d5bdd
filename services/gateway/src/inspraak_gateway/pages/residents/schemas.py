"""What the residents' forms send, checked here first so errors come in the person's language."""

from dataclasses import dataclass, field
from typing import Any

from starlette.datastructures import FormData

from inspraak_gateway.web.i18n import N_

TITLE_MAX = 200
BODY_MAX = 5000
COMMENT_MAX = 3000


@dataclass
class IdeaForm:
    title: str = ""
    body: str = ""
    lat: str = ""
    lon: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def location(self) -> dict[str, Any] | None:
        """A GeoJSON point (longitude first) when both fields hold a valid position."""
        if not (self.lat and self.lon) or "lat" in self.errors or "lon" in self.errors:
            return None
        return {"type": "Point", "coordinates": [float(self.lon), float(self.lat)]}

    def _check_position(self) -> None:
        """Latitude and longitude come together (typed, or picked on the map by the script)."""
        if not (self.lat or self.lon):
            return
        for name, limit in (("lat", 90.0), ("lon", 180.0)):
            try:
                value = float(getattr(self, name))
            except ValueError:
                self.errors[name] = N_("Enter a number, such as 51.05 or 3.72.")
                continue
            if not -limit <= value <= limit:
                self.errors[name] = N_("This number is outside the possible range.")

    @classmethod
    def parse(cls, form: FormData) -> "IdeaForm":
        idea = cls(
            str(form.get("title", "")).strip(),
            str(form.get("body", "")).strip(),
            str(form.get("lat", "")).strip().replace(",", "."),
            str(form.get("lon", "")).strip().replace(",", "."),
        )
        idea._check_position()
        if not idea.title:
            idea.errors["title"] = N_("Give your idea a title.")
        elif len(idea.title) > TITLE_MAX:
            idea.errors["title"] = N_("The title is too long.")
        if not idea.body:
            idea.errors["body"] = N_("Describe your idea.")
        elif len(idea.body) > BODY_MAX:
            idea.errors["body"] = N_("The description is too long.")
        return idea


@dataclass
class CommentForm:
    body: str = ""
    parent_comment_id: str | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData) -> "CommentForm":
        parent = str(form.get("parent_comment_id", "")).strip() or None
        comment = cls(str(form.get("body", "")).strip(), parent)
        if not comment.body:
            comment.errors["body"] = N_("Write a comment first.")
        elif len(comment.body) > COMMENT_MAX:
            comment.errors["body"] = N_("The comment is too long.")
        return comment
