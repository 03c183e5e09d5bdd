"""ASGI entry point: `uvicorn --factory inspraak_notifications.main:create_app`."""

from fastapi import FastAPI

from inspraak_notifications.manifest import MANIFEST
from inspraak_shared.app import create_service_app


def create_app() -> FastAPI:
    return create_service_app(MANIFEST)
