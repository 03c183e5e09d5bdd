"""The comment events this service emits."""

from typing import Any

from inspraak_contributions.comments.models import Comment
from inspraak_shared.events import CloudEvent, new_event

SERVICE = "contributions"


def comment_created(
    row: Comment, *, parent_author_user_id: str | None, input_author_user_id: str | None
) -> CloudEvent:
    return new_event(
        tenant=row.tenant,
        service=SERVICE,
        entity="comment",
        verb="created",
        subject=row.comment_id,
        data={
            "comment_id": row.comment_id,
            "input_id": row.input_id,
            "project_id": row.project_id,
            "parent_comment_id": row.parent_comment_id,
            "author_user_id": row.author_user_id,
            "author_username": row.author_username,
            "parent_author_user_id": parent_author_user_id,
            "input_author_user_id": input_author_user_id,
            "official": row.official,
        },
    )


def comment_changed(row: Comment, verb: str) -> CloudEvent:
    """`verb` is updated, deleted, hidden or unhidden (added to the contract by this service)."""
    data: dict[str, Any] = {
        "comment_id": row.comment_id,
        "input_id": row.input_id,
        "project_id": row.project_id,
        "author_user_id": row.author_user_id,
        "hidden": row.hidden,
        "deleted": row.deleted_at is not None,
    }
    if verb in ("hidden", "unhidden"):
        data["reason"] = row.hidden_reason
    return new_event(
        tenant=row.tenant,
        service=SERVICE,
        entity="comment",
        verb=verb,
        subject=row.comment_id,
        data=data,
    )
