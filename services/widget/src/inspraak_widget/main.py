"""ASGI entry point: `uvicorn --factory inspraak_widget.main:create_app`."""

from fastapi import FastAPI

from inspraak_shared.app import create_service_app
from inspraak_widget.manifest import MANIFEST


def create_app() -> FastAPI:
    return create_service_app(MANIFEST)
