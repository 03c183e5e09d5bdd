"""HTTP routes of areas (`/areas`) and topics (`/topics`): the same shape twice."""

import uuid

from fastapi import APIRouter, Response, status

from inspraak_projects.taxonomy import service
from inspraak_projects.taxonomy.auth import Superadmin
from inspraak_projects.taxonomy.models import Term, TermKind
from inspraak_projects.taxonomy.schemas import TermCreate, TermRead, TermUpdate
from inspraak_projects.tenants.auth import KnownTenant
from inspraak_shared.db import DbSession


def _read(term: Term) -> TermRead:
    return TermRead.model_validate(term, from_attributes=True)


def terms_router(kind: TermKind, plural: str) -> APIRouter:
    router = APIRouter(prefix=f"/{plural}", tags=["areas and topics"])

    @router.get("", summary=f"The municipality's {plural}", operation_id=f"list_{plural}")
    async def list_terms(session: DbSession, tenant: KnownTenant) -> list[TermRead]:
        return [_read(t) for t in await service.list_kind(session, tenant.slug, kind)]

    @router.post(
        "",
        status_code=status.HTTP_201_CREATED,
        summary=f"Add an {kind}",
        operation_id=f"create_{kind}",
    )
    async def create_term(
        session: DbSession, tenant: KnownTenant, _: Superadmin, body: TermCreate
    ) -> TermRead:
        return _read(await service.create(session, tenant, kind, body))

    @router.patch("/{term_id}", summary=f"Rename an {kind}", operation_id=f"update_{kind}")
    async def update_term(
        session: DbSession, tenant: KnownTenant, _: Superadmin, term_id: uuid.UUID, body: TermUpdate
    ) -> TermRead:
        return _read(await service.update(session, tenant, kind, term_id, body))

    @router.delete(
        "/{term_id}",
        status_code=status.HTTP_204_NO_CONTENT,
        summary=f"Remove an unused {kind}",
        operation_id=f"delete_{kind}",
    )
    async def delete_term(
        session: DbSession, tenant: KnownTenant, _: Superadmin, term_id: uuid.UUID
    ) -> Response:
        await service.delete(session, tenant.slug, kind, term_id)
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    return router


areas_router = terms_router(TermKind.AREA, "areas")
topics_router = terms_router(TermKind.TOPIC, "topics")
