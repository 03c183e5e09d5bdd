"""Projects, departments and followers as this service needs them to address people.

A read model fed by the projects service's snapshots (newest version wins) and follower events.
"""
