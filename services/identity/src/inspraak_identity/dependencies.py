"""What every domain's endpoints take: settings, the Keycloak gateway, the request's tenant."""

from typing import Annotated

from fastapi import Depends, Request

from inspraak_identity.config import IdentitySettings
from inspraak_identity.keycloak.admin import KeycloakGateway, RealmUsers
from inspraak_identity.tenants.models import Tenant
from inspraak_identity.tenants.repository import TenantRepository
from inspraak_shared.db import DbSession
from inspraak_shared.problems import NotFound
from inspraak_shared.tenancy import RequestTenant


def identity_settings(request: Request) -> IdentitySettings:
    settings = request.app.state.runtime.settings
    assert isinstance(settings, IdentitySettings)
    return settings


def keycloak_gateway(request: Request) -> KeycloakGateway:
    # Created on first use: the shared app factory has no hook for extra resources.
    state = request.app.state
    gateway: KeycloakGateway | None = getattr(state, "keycloak", None)
    if gateway is None:
        gateway = KeycloakGateway(identity_settings(request))
        state.keycloak = gateway
    return gateway


Settings = Annotated[IdentitySettings, Depends(identity_settings)]
Keycloak = Annotated[KeycloakGateway, Depends(keycloak_gateway)]


async def request_tenant_record(tenant: RequestTenant, session: DbSession) -> Tenant:
    record = await TenantRepository(session).get(tenant)
    if record is None:
        raise NotFound("This municipality is not set up here.", slug="tenant-unknown")
    return record


ActiveTenant = Annotated[Tenant, Depends(request_tenant_record)]


def realm_users(tenant: ActiveTenant, keycloak: Keycloak) -> RealmUsers:
    return keycloak.users(tenant.slug, tenant.keycloak_url)


Users = Annotated[RealmUsers, Depends(realm_users)]
