"""Who may react: registered residents on items they can see."""

from inspraak_contributions.projects.auth import ProjectParticipant

Reactor = ProjectParticipant

__all__ = ["Reactor"]
