"""What happens to a person's contributions when their account is erased.

A municipality keeps the public record of a consultation: inputs and comments stay where
they are (replies, votes and official responses refer to them) but lose every link to the
person and show as written by a "former participant". Votes, reactions, submitted survey
answers, submitted budget baskets and scenario rankings stay counted without a link to
them: they move to a random stand-in id, made once per erasure and kept nowhere else, so
the results (voters, baskets, participants) stay what they were and nothing leads back to
the person. What only served the person is deleted: survey drafts, draft budget baskets
and stored idempotent responses.
"""

from uuid import uuid4

from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.comments import repository as comments_repository
from inspraak_contributions.idempotency import repository as idempotency_repository
from inspraak_contributions.inputs import repository as inputs_repository
from inspraak_contributions.inputs import service as inputs
from inspraak_contributions.moderation import repository as moderation_repository
from inspraak_contributions.reactions import repository as reactions_repository
from inspraak_contributions.roles import repository as roles_repository
from inspraak_contributions.scenarios import repository as scenarios_repository
from inspraak_contributions.surveys import repository as surveys_repository
from inspraak_contributions.votes import repository as votes_repository


def erased_stand_in() -> str:
    """A fresh id no account can have: one erased person's rows stay one participant."""
    return f"erased-{uuid4().hex}"


async def erase_person(session: AsyncSession, tenant: str, user_id: str) -> int:
    """Anonymise everything of `user_id` in `tenant`; return how many inputs were unlinked."""
    authored = await inputs_repository.list_by_author(session, tenant, user_id, lock=True)
    for row in authored:
        row.author_user_id = None
        row.author_username = None
        row.author_erased = True
        session.add(row)
    for comment in await comments_repository.list_by_author(session, tenant, user_id):
        comment.author_user_id = None
        comment.author_username = None
        comment.author_erased = True
        session.add(comment)
    await session.flush()
    stand_in = erased_stand_in()
    await reactions_repository.unlink_user(session, tenant, user_id, stand_in)
    await votes_repository.unlink_voter(session, tenant, user_id, stand_in)
    await surveys_repository.forget_respondent(session, tenant, user_id, stand_in)
    await scenarios_repository.unlink_user(session, tenant, user_id, stand_in)
    await moderation_repository.unlink_user(session, tenant, user_id)
    await idempotency_repository.forget_user(session, tenant, user_id)
    # An erased account holds no role, and its grants named it.
    await roles_repository.forget_user(session, tenant, user_id)
    # Other services keep copies of input snapshots with the author: send the new ones.
    for row in authored:
        await inputs.bump_version(session, row, "updated")
    return len(authored)
