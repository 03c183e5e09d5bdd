"""Who may report (registered residents) and who moderates (the project's moderators,
its department's heads, superadmins)."""

from inspraak_contributions.projects.auth import ProjectModerator, ProjectParticipant

Reporter = ProjectParticipant
Moderator = ProjectModerator

__all__ = ["Moderator", "Reporter"]
