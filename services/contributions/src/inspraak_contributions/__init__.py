"""Inspraak contributions service.

Inputs, comments, reactions, votes, surveys, map input, moderation and results.
"""

__version__ = "0.1.0"
