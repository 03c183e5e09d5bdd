"""`update.posted` (docs/events.md), with the followers to inform."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_projects.common.events import emit
from inspraak_projects.updates.models import ProjectUpdate


def emit_posted(session: AsyncSession, post: ProjectUpdate, follower_user_ids: list[str]) -> None:
    emit(
        session,
        tenant=post.tenant,
        entity="update",
        verb="posted",
        subject=str(post.id),
        data={
            "project_id": str(post.project_id),
            "update_id": str(post.id),
            "title": post.title,
            "body": post.body,
            "posted_by_user_id": post.posted_by_user_id,
            "posted_by_username": post.posted_by_username,
            # Who to inform, so notifications needs no follower read model of its own.
            "follower_user_ids": follower_user_ids,
        },
    )
