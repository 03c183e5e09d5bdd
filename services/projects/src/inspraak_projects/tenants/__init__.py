"""The municipalities this service serves, as identity announces them (a read model)."""
