"""The gateway's long-lived parts beside the shared runtime: its client for the services,
the host directory and the merged API description."""

from dataclasses import dataclass

import httpx

from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.proxy.openapi import MergedOpenApi
from inspraak_gateway.proxy.upstreams import SERVICES
from inspraak_gateway.sessions import sealing
from inspraak_gateway.sessions.oidc import KeycloakOidc
from inspraak_gateway.tenancy.directory import HostDirectory

UPSTREAM_KEEPALIVE_SECONDS = 2.0


@dataclass
class Gateway:
    settings: GatewaySettings
    http: httpx.AsyncClient
    hosts: HostDirectory
    openapi: MergedOpenApi
    oidc: KeycloakOidc

    @classmethod
    def build(cls, settings: GatewaySettings) -> "Gateway":
        sealing.configure(settings.session_key.get_secret_value())
        http = httpx.AsyncClient(
            timeout=httpx.Timeout(
                settings.upstream_timeout_seconds,
                connect=settings.upstream_connect_timeout_seconds,
            ),
            limits=httpx.Limits(
                max_connections=settings.upstream_max_connections,
                max_keepalive_connections=settings.upstream_max_connections // 2,
                # Below uvicorn's 5 s keep-alive: a connection the service is about to
                # close is not reused for the next request.
                keepalive_expiry=UPSTREAM_KEEPALIVE_SECONDS,
            ),
            follow_redirects=False,  # a service's redirect is the client's to follow
            trust_env=False,  # no proxy from the environment between gateway and services
        )
        return cls(
            settings=settings,
            http=http,
            hosts=HostDirectory(
                http,
                settings.widget_url,
                ttl=settings.host_cache_seconds,
                max_entries=settings.host_cache_entries,
            ),
            openapi=MergedOpenApi(
                http,
                {service: settings.service_url(service) for service in SERVICES},
                ttl=settings.openapi_cache_seconds,
            ),
            oidc=KeycloakOidc(
                http,
                public_url=settings.issuer_base_url,
                internal_url=settings.keycloak_url,
                client_id=settings.web_client_id,
            ),
        )

    async def aclose(self) -> None:
        await self.http.aclose()
