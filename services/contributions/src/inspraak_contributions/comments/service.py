"""Rules for comments: replies one level deep, official replies, edits within the grace period."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions import problems
from inspraak_contributions.columns import utcnow
from inspraak_contributions.comments import repository
from inspraak_contributions.comments.events import comment_changed, comment_created
from inspraak_contributions.comments.models import Comment
from inspraak_contributions.comments.schemas import (
    CommentCreate,
    CommentRead,
    CommentUpdate,
    ReactionCounts,
)
from inspraak_contributions.inputs import service as inputs
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.reactions import repository as reactions_repository
from inspraak_contributions.texts import DELETED, HIDDEN, MUNICIPALITY
from inspraak_shared.auth import TenantRole
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Forbidden, UnprocessableContent


async def get_visible(
    session: AsyncSession, access: ProjectAccess, comment_id: str, *, lock: bool = False
) -> Comment:
    row = await repository.get(
        session, access.tenant, access.project.project_id, comment_id, lock=lock
    )
    if row is None or (row.hidden and not access.can_moderate):
        raise problems.not_found("comment")
    # A comment on a hidden input is as invisible as the input.
    await inputs.get_visible(session, access, row.input_id)
    return row


async def create(
    session: AsyncSession, access: ProjectAccess, input_id: str, payload: CommentCreate
) -> Comment:
    user = access.user
    input_row = await inputs.get_visible(session, access, input_id)
    if payload.official:
        if not access.can_moderate:
            raise Forbidden(
                "Only the project's moderators reply as the municipality.", slug="not-a-moderator"
            )
    else:
        if not user.has_role(TenantRole.USER):
            raise Forbidden("Only registered participants may comment.", slug="not-a-participant")
        await inputs.ensure_conversation_open(session, access, input_row)
    parent = None
    if payload.parent_comment_id is not None:
        parent = await get_visible(session, access, payload.parent_comment_id)
        if parent.input_id != input_id or parent.deleted_at is not None:
            raise problems.not_found("comment")
        if parent.parent_comment_id is not None:
            raise UnprocessableContent(
                "Replies go one level deep: reply to the comment that started the thread.",
                slug="reply-too-deep",
            )
    row = await repository.add(
        session,
        Comment(
            tenant=access.tenant,
            project_id=access.project.project_id,
            input_id=input_id,
            parent_comment_id=payload.parent_comment_id,
            author_user_id=user.user_id,
            author_username=user.username,
            official=payload.official,
            body=payload.body,
            reviewed=payload.official,
        ),
    )
    enqueue(
        session,
        comment_created(
            row,
            parent_author_user_id=parent.author_user_id if parent else None,
            input_author_user_id=input_row.author_user_id,
        ),
    )
    return row


async def _own_and_open(
    session: AsyncSession, access: ProjectAccess, comment_id: str, grace_minutes: int
) -> Comment:
    user = access.user
    row = await get_visible(session, access, comment_id, lock=True)
    if row.author_user_id != user.user_id or row.deleted_at is not None:
        raise problems.not_yours()
    inputs.within_grace(row.created_at, grace_minutes)
    if not row.official:
        input_row = await inputs.get_visible(session, access, row.input_id)
        await inputs.ensure_conversation_open(session, access, input_row)
    return row


async def update(
    session: AsyncSession,
    access: ProjectAccess,
    comment_id: str,
    payload: CommentUpdate,
    grace_minutes: int,
) -> Comment:
    row = await _own_and_open(session, access, comment_id, grace_minutes)
    row.body = payload.body
    row.edited = True
    return await _save(session, row, "updated")


async def delete(
    session: AsyncSession, access: ProjectAccess, comment_id: str, grace_minutes: int
) -> None:
    row = await _own_and_open(session, access, comment_id, grace_minutes)
    row.deleted_at = utcnow()
    await _save(session, row, "deleted")


async def set_hidden(
    session: AsyncSession, row: Comment, *, hidden: bool, reason: str | None
) -> Comment:
    row.hidden = hidden
    row.hidden_reason = reason if hidden else None
    row.reviewed = True
    return await _save(session, row, "hidden" if hidden else "unhidden")


async def _save(session: AsyncSession, row: Comment, verb: str) -> Comment:
    row.updated_at = utcnow()
    session.add(row)
    await session.flush()
    enqueue(session, comment_changed(row, verb))
    return row


def _to_read(
    row: Comment, reactions: dict[str, int], access: ProjectAccess, my_reaction: str | None = None
) -> CommentRead:
    viewer = access.principal
    deleted = row.deleted_at is not None
    hide_body = deleted or (row.hidden and not access.can_moderate)
    placeholder = DELETED if deleted else HIDDEN if row.hidden else None
    return CommentRead(
        comment_id=row.comment_id,
        input_id=row.input_id,
        parent_comment_id=row.parent_comment_id,
        author=inputs.author_read(row.author_username, row.author_erased),
        mine=viewer is not None and row.author_user_id == viewer.user_id,
        my_reaction=my_reaction,
        official=row.official,
        official_label=MUNICIPALITY if row.official else None,
        body=None if hide_body else row.body,
        placeholder=placeholder,
        hidden=row.hidden,
        deleted=deleted,
        edited=row.edited,
        reactions=ReactionCounts(**reactions),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


async def thread(session: AsyncSession, access: ProjectAccess, input_id: str) -> list[CommentRead]:
    """Top-level comments with their replies; removed ones keep their place as a placeholder."""
    await inputs.get_visible(session, access, input_id)
    rows = await repository.list_for_input(session, access.tenant, input_id)
    ids = [r.comment_id for r in rows]
    reactions = await reactions_repository.counts(session, access.tenant, "comment", ids)
    mine = await inputs.my_reactions(session, access, "comment", ids)
    reads = {
        r.comment_id: _to_read(
            r, reactions.get(r.comment_id, {"up": 0, "down": 0}), access, mine.get(r.comment_id)
        )
        for r in rows
    }
    top: list[CommentRead] = []
    for row in rows:
        read = reads[row.comment_id]
        if row.parent_comment_id is None:
            top.append(read)
        elif row.parent_comment_id in reads:
            reads[row.parent_comment_id].replies.append(read)
    return top


async def read_one(session: AsyncSession, access: ProjectAccess, row: Comment) -> CommentRead:
    reactions = await reactions_repository.counts(
        session, access.tenant, "comment", [row.comment_id]
    )
    mine = await inputs.my_reactions(session, access, "comment", [row.comment_id])
    return _to_read(
        row, reactions.get(row.comment_id, {"up": 0, "down": 0}), access, mine.get(row.comment_id)
    )
