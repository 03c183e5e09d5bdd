"""Inspraak projects service: departments, project pages, phases, visibility, moderators."""

__version__ = "0.1.0"
