"""Who may answer surveys: registered residents on projects they can see."""

from inspraak_contributions.projects.auth import ProjectParticipant

Respondent = ProjectParticipant

__all__ = ["Respondent"]
