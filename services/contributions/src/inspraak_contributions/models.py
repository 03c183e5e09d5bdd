"""Every table of the contributions database, imported in one place for Alembic."""

from sqlmodel import SQLModel

from inspraak_contributions.comments.models import Comment
from inspraak_contributions.idempotency.models import IdempotentRequest
from inspraak_contributions.inputs.models import Input
from inspraak_contributions.moderation.models import ModerationAction, Report
from inspraak_contributions.projects.models import Phase, Project
from inspraak_contributions.reactions.models import Reaction
from inspraak_contributions.roles.models import RoleGrant
from inspraak_contributions.scenarios.models import ScenarioRanking
from inspraak_contributions.surveys.models import SurveyResponse
from inspraak_contributions.votes.models import Ballot, Vote, VoteTally
from inspraak_shared.events.outbox import InboxMessage, OutboxMessage

metadata = SQLModel.metadata

__all__ = [
    "Ballot",
    "Comment",
    "IdempotentRequest",
    "InboxMessage",
    "Input",
    "ModerationAction",
    "OutboxMessage",
    "Phase",
    "Project",
    "Reaction",
    "Report",
    "RoleGrant",
    "ScenarioRanking",
    "SurveyResponse",
    "Vote",
    "VoteTally",
    "metadata",
]
