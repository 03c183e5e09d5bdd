"""ASGI entry point: `uvicorn --factory inspraak_contributions.main:create_app`."""

from fastapi import FastAPI

from inspraak_contributions.manifest import MANIFEST
from inspraak_shared.app import create_service_app


def create_app() -> FastAPI:
    return create_service_app(MANIFEST)
