"""Shared foundation of the Inspraak services.

Holds no domain models: only settings, database plumbing, the event contract and
its reliable delivery, token verification, problem responses and telemetry.
"""
