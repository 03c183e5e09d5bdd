"""Who may vote: registered residents on projects they can see."""

from inspraak_contributions.projects.auth import ProjectParticipant

Voter = ProjectParticipant

__all__ = ["Voter"]
