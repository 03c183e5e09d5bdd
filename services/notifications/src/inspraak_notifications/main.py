"""ASGI entry point: `uvicorn --factory inspraak_notifications.main:create_app`."""

from fastapi import FastAPI

from inspraak_notifications.background import with_background
from inspraak_notifications.clock import Clock
from inspraak_notifications.config import NotificationsSettings
from inspraak_notifications.manifest import MANIFEST
from inspraak_shared.app import create_service_app
from inspraak_shared.service import ServiceManifest


def create_app(
    settings: NotificationsSettings | None = None,
    *,
    clock: Clock | None = None,
    manifest: ServiceManifest = MANIFEST,
) -> FastAPI:
    """The app; tests pass their settings, a clock they control, and their own consumers."""
    return with_background(create_service_app(manifest, settings), clock)
