"""Who may rank scenarios: registered residents on projects they can see."""

from inspraak_contributions.projects.auth import ProjectParticipant

Ranker = ProjectParticipant

__all__ = ["Ranker"]
