"""ASGI entry point: `uvicorn --factory inspraak_widget.main:create_app`."""

from fastapi import FastAPI

from inspraak_shared.app import create_service_app
from inspraak_shared.config import ServiceSettings
from inspraak_shared.service import ServiceManifest
from inspraak_widget.domains.dns import DnsResolver
from inspraak_widget.domains.probe import HostProber
from inspraak_widget.manifest import MANIFEST


def build_app(
    manifest: ServiceManifest = MANIFEST,
    settings: ServiceSettings | None = None,
    *,
    dns_resolver: DnsResolver | None = None,
    host_prober: HostProber | None = None,
) -> FastAPI:
    """The app; the domain check's DNS resolver and HTTP prober can be handed in (tests run
    offline, against a local server)."""
    app = create_service_app(manifest, settings)
    app.state.dns_resolver = dns_resolver
    app.state.host_prober = host_prober
    return app


def create_app() -> FastAPI:
    return build_app()
