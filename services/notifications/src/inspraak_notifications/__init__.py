"""Inspraak notifications service.

E-mail and in-app notifications, digests and the quarterly policy-maker update.
"""

__version__ = "0.1.0"
