"""Which projects and departments exist, and which department each project belongs to: read
models of the projects service's events.

Department heads may invite moderators only for projects in their department, and an
invitation may name only a known project or department; identity learns both from
`inspraak.<tenant>.projects.project.*` and `.department.*` instead of calling projects.
"""
