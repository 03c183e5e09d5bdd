"""Inspraak identity service.

Tenants as Keycloak realms, roles, invitations, profiles and privacy.
"""

__version__ = "0.1.0"
