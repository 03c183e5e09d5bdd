"""Who may post updates: the project's editors (superadmin, its moderators); readers read them."""

from inspraak_projects.projects.auth import SignedIn, Viewer, can_edit

__all__ = ["SignedIn", "Viewer", "can_edit"]
