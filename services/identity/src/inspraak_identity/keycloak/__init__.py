"""Keycloak as the identity service drives it: admin connections, realms and users."""
