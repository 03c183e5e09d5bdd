"""HTTP: the operator API (apply, list, delete, export) and a tenant's public facts."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from inspraak_identity.dependencies import ActiveTenant, Keycloak, Settings
from inspraak_identity.tenants import service
from inspraak_identity.tenants.auth import Operator
from inspraak_identity.tenants.schemas import (
    ApplyReport,
    DeleteReport,
    PublicTenant,
    TenantRead,
    TenantSpec,
)
from inspraak_shared.db import DbSession
from inspraak_shared.problems import UnprocessableContent
from inspraak_shared.tenancy import TenantSlug

operator_router = APIRouter(
    prefix="/v1/operator/tenants", tags=["operator"], dependencies=[Operator]
)
router = APIRouter(prefix="/v1/tenant", tags=["tenant"])


@operator_router.put("/{slug}", summary="Create or update a tenant from its spec (idempotent)")
async def apply_tenant(
    slug: TenantSlug, spec: TenantSpec, session: DbSession, keycloak: Keycloak, settings: Settings
) -> ApplyReport:
    if spec.slug != slug:
        raise UnprocessableContent(
            "The slug in the path and in the spec differ.", slug="slug-mismatch"
        )
    return await service.apply_tenant(session, keycloak, settings, spec)


@operator_router.get("", summary="Every tenant identity knows")
async def list_tenants(session: DbSession) -> list[TenantRead]:
    return [TenantRead.model_validate(t) for t in await service.list_tenants(session)]


@operator_router.get("/{slug}", summary="One tenant with its applied spec")
async def get_tenant(slug: TenantSlug, session: DbSession) -> TenantRead:
    return TenantRead.model_validate(await service.get_tenant(session, slug))


@operator_router.delete("/{slug}", summary="Delete a tenant: its realm and all its identity data")
async def delete_tenant(
    slug: TenantSlug,
    confirm: Annotated[str, Query(description="The slug again, as confirmation")],
    session: DbSession,
    keycloak: Keycloak,
    settings: Settings,
) -> DeleteReport:
    return await service.delete_tenant(session, keycloak, settings, slug, confirm=confirm)


@operator_router.get(
    "/{slug}/export",
    summary="All the tenant's identity data as a .tar.gz of JSON files",
    response_class=Response,
    responses={200: {"content": {"application/gzip": {}}}},
)
async def export_tenant(slug: TenantSlug, session: DbSession, keycloak: Keycloak) -> Response:
    bundle = await service.export_tenant(session, keycloak, slug)
    return Response(
        service.export_archive(bundle, slug),
        media_type="application/gzip",
        headers={"Content-Disposition": f'attachment; filename="{slug}-identity.tar.gz"'},
    )


@router.get("", summary="The municipality's public settings (for the gateway and sign-in)")
async def public_tenant(tenant: ActiveTenant, settings: Settings) -> PublicTenant:
    return service.public_view(tenant, settings)
