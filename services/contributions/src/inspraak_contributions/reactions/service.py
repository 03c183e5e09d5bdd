"""Rules for reactions: one per person per item, while the conversation is open."""

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.comments import service as comments
from inspraak_contributions.inputs import service as inputs
from inspraak_contributions.projects.auth import ProjectAccess
from inspraak_contributions.reactions import repository
from inspraak_contributions.reactions.events import reaction_set
from inspraak_contributions.reactions.schemas import ItemType, ReactionState, ReactionValue
from inspraak_shared.events import enqueue
from inspraak_shared.problems import Conflict


async def _ensure_open(
    session: AsyncSession, access: ProjectAccess, item_type: ItemType, item_id: str
) -> None:
    # The item's row lock queues reactions to one item, so the counts each event carries
    # are exact in commit order.
    if item_type is ItemType.INPUT:
        row = await inputs.get_visible(session, access, item_id, lock=True)
        await inputs.ensure_conversation_open(session, access, row)
        return
    comment = await comments.get_visible(session, access, item_id, lock=True)
    if comment.deleted_at is not None:
        raise Conflict("This comment was deleted.", slug="comment-deleted")
    input_row = await inputs.get_visible(session, access, comment.input_id)
    await inputs.ensure_conversation_open(session, access, input_row)


async def state(
    session: AsyncSession, access: ProjectAccess, item_type: ItemType, item_id: str
) -> ReactionState:
    counts = await repository.counts(session, access.tenant, item_type.value, [item_id])
    mine = (
        await repository.mine(
            session, access.tenant, item_type.value, [item_id], access.principal.user_id
        )
        if access.principal
        else {}
    )
    value = mine.get(item_id)
    return ReactionState(
        item_type=item_type,
        item_id=item_id,
        mine=ReactionValue(value) if value else None,
        up=counts.get(item_id, {}).get("up", 0),
        down=counts.get(item_id, {}).get("down", 0),
    )


async def set_reaction(
    session: AsyncSession,
    access: ProjectAccess,
    item_type: ItemType,
    item_id: str,
    value: ReactionValue | None,
) -> ReactionState:
    """Set (or with None withdraw) the caller's reaction; the unique row makes races harmless."""
    user = access.user
    await _ensure_open(session, access, item_type, item_id)
    if value is None:
        await repository.remove(
            session,
            tenant=access.tenant,
            item_type=item_type.value,
            item_id=item_id,
            user_id=user.user_id,
        )
    else:
        await repository.upsert(
            session,
            tenant=access.tenant,
            project_id=access.project.project_id,
            item_type=item_type.value,
            item_id=item_id,
            user_id=user.user_id,
            value=value.value,
        )
    result = await state(session, access, item_type, item_id)
    enqueue(
        session,
        reaction_set(
            tenant=access.tenant,
            project_id=access.project.project_id,
            item_type=item_type.value,
            item_id=item_id,
            up=result.up,
            down=result.down,
        ),
    )
    return result
