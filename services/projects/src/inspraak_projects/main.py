"""ASGI entry point: `uvicorn --factory inspraak_projects.main:create_app`."""

from fastapi import FastAPI

from inspraak_projects.config import ProjectsSettings
from inspraak_projects.manifest import MANIFEST
from inspraak_shared.app import create_service_app
from inspraak_shared.service import ServiceManifest


def create_app(
    settings: ProjectsSettings | None = None, manifest: ServiceManifest = MANIFEST
) -> FastAPI:
    return create_service_app(manifest, settings)
