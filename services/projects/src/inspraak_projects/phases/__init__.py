"""The timeline of a project: phases, each with one participation method, and their scheduler."""
