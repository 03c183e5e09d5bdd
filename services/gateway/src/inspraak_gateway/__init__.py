"""Inspraak gateway service.

The web gateway end users reach: tenant by host, sign-in, the public API and pages.
"""

__version__ = "0.1.0"
