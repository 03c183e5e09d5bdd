"""What the residents' forms send, checked here first so errors come in the person's language."""

from dataclasses import dataclass, field

from starlette.datastructures import FormData

from inspraak_gateway.web.i18n import N_

TITLE_MAX = 200
BODY_MAX = 5000
COMMENT_MAX = 3000


@dataclass
class IdeaForm:
    title: str = ""
    body: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, form: FormData) -> "IdeaForm":
        idea = cls(str(form.get("title", "")).strip(), str(form.get("body", "")).strip())
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
