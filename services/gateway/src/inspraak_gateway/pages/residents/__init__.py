"""What residents see and do: the projects, a project's page and its participation, an input
with its comments and reactions."""
