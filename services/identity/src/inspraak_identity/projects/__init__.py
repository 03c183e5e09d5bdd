"""Which department each project belongs to: a read model of the projects service's events.

Department heads may invite moderators only for projects in their department; identity
learns that from `inspraak.<tenant>.projects.project.*` instead of calling projects.
"""
