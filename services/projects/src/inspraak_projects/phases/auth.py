"""Who may touch a project's phases: its editors (superadmin, the project's moderators).

The object-level check is `projects.auth.can_edit`, applied by the service; routes take
the caller from these dependencies.
"""

from inspraak_projects.projects.auth import SignedIn, Viewer

__all__ = ["SignedIn", "Viewer"]
