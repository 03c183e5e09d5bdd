"""Local stack for development and tests: PostgreSQL, NATS JetStream, Keycloak, mail catcher.

See `inspraak_stack.stack` for the Python API and `inspraak-stack --help` for the CLI.
"""
