"""Who may do what with comments.

Anyone who may see the project reads its threads. Writing needs a signed-in caller; the
service then tells a resident's comment (role `user`) from a moderator's official reply,
and lets only the author edit or delete their own.
"""

from inspraak_contributions.projects.auth import ProjectViewer

CommentReader = ProjectViewer
CommentWriter = ProjectViewer

__all__ = ["CommentReader", "CommentWriter"]
