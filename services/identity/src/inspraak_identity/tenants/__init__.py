"""Tenants (municipalities): the spec, its realm in Keycloak, deletion and export."""
