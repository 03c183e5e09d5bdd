"""The service's public HTTP API, assembled from its domain routers."""

from fastapi import APIRouter

from inspraak_contributions.comments.endpoints import router as comments
from inspraak_contributions.inputs.endpoints import router as inputs
from inspraak_contributions.moderation.endpoints import router as moderation
from inspraak_contributions.projects.endpoints import router as phases
from inspraak_contributions.reactions.endpoints import router as reactions
from inspraak_contributions.results.endpoints import router as results
from inspraak_contributions.scenarios.endpoints import router as scenarios
from inspraak_contributions.surveys.endpoints import router as surveys
from inspraak_contributions.votes.endpoints import router as votes


def routers() -> list[APIRouter]:
    return [phases, inputs, comments, reactions, votes, surveys, scenarios, moderation, results]
