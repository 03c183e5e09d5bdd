"""Inspraak widget service.

Embeddable widgets, custom domains and redirects for the municipal website.
"""

__version__ = "0.1.0"
