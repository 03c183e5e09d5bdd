"""Sign-in with the tenant's Keycloak realm and the server-side sessions it leads to."""
