"""The tenant of the request, as a municipality this service knows."""

from typing import Annotated

from fastapi import Depends

from inspraak_projects.tenants import service
from inspraak_projects.tenants.models import TenantConfig
from inspraak_shared.db import DbSession
from inspraak_shared.tenancy import RequestTenant


async def _known_tenant(session: DbSession, tenant: RequestTenant) -> TenantConfig:
    return await service.known_tenant(session, tenant)


KnownTenant = Annotated[TenantConfig, Depends(_known_tenant)]
