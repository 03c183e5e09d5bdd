"""Who may do what with inputs: residents post and edit their own, moderators decide."""

from inspraak_contributions.projects.auth import (
    ProjectModerator,
    ProjectParticipant,
    ProjectViewer,
)

InputReader = ProjectViewer
InputAuthor = ProjectParticipant
InputModerator = ProjectModerator

__all__ = ["InputAuthor", "InputModerator", "InputReader"]
