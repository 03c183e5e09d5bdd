"""Who may read results and exports: moderators, department heads, superadmins, policy
makers and communications officers (the latter two without personal data). A phase's
results are also public when its `results_visibility` says so (checked in the service)."""

from inspraak_contributions.projects.auth import ProjectResultsReader, ProjectViewer

ResultsReader = ProjectResultsReader
PhaseResultsReader = ProjectViewer

__all__ = ["PhaseResultsReader", "ResultsReader"]
