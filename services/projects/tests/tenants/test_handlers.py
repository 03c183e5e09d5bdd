"""identity's tenant snapshots: newer versions win, older ones are ignored, deletion forgets."""

import pytest
from inspraak_projects.tenants.models import TenantConfig
from sqlmodel import select

from inspraak_shared.tenancy import TENANT_HEADER
from tests.support.api import event, handle, ok, unique

pytestmark = pytest.mark.keycloak


def snapshot(slug: str, version: int, **values) -> dict:
    return {
        "slug": slug, "version": version, "display_name": slug, "country": "NL",
        "default_language": "nl", "languages": ["nl"], "require_project_approval": False,
        "allow_external_moderators": False,
    } | values  # fmt: skip


async def _tenant(session_factory, slug: str) -> TenantConfig | None:
    async with session_factory() as session:
        return (await session.exec(select(TenantConfig).where(TenantConfig.slug == slug))).first()


class TestTenantSnapshots:
    async def test_newer_snapshot_wins_and_a_late_older_one_is_ignored(self, session_factory):
        slug = unique("dorp")
        for version, approval in ((1, False), (3, True), (2, False)):
            data = snapshot(
                slug, version, require_project_approval=approval, languages=["nl", "fr"]
            )
            await handle(session_factory, event("identity", "tenant", "applied", slug, data))
        tenant = await _tenant(session_factory, slug)
        assert tenant is not None
        assert (tenant.version, tenant.require_project_approval) == (3, True)
        assert tenant.languages == ["nl", "fr"]

    async def test_a_snapshot_for_another_tenant_is_ignored(self, session_factory):
        slug, other = unique("dorp"), unique("stad")
        await handle(
            session_factory, event("identity", "tenant", "applied", slug, snapshot(other, 1))
        )
        assert await _tenant(session_factory, other) is None

    async def test_deleted_tenant_loses_all_its_data(self, api, session_factory):
        slug = unique("weg")
        await handle(
            session_factory, event("identity", "tenant", "applied", slug, snapshot(slug, 1))
        )
        headers = {TENANT_HEADER: slug}
        await ok(await api.get("/departments", headers=headers))
        await handle(session_factory, event("identity", "tenant", "deleted", slug, {"slug": slug}))
        assert (await api.get("/departments", headers=headers)).status_code == 404
        assert await _tenant(session_factory, slug) is None
