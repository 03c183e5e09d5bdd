"""ASGI entry point: `uvicorn --factory inspraak_widget.main:create_app`."""

from fastapi import FastAPI

from inspraak_shared.app import create_service_app
from inspraak_shared.config import ServiceSettings
from inspraak_shared.service import ServiceManifest
from inspraak_widget.domains.dns import DnsResolver
from inspraak_widget.manifest import MANIFEST


def build_app(
    manifest: ServiceManifest = MANIFEST,
    settings: ServiceSettings | None = None,
    *,
    dns_resolver: DnsResolver | None = None,
) -> FastAPI:
    """The app; the DNS resolver of the domain check can be handed in (tests run offline)."""
    app = create_service_app(manifest, settings)
    app.state.dns_resolver = dns_resolver
    return app


def create_app() -> FastAPI:
    return build_app()
