"""identity's tenant events: a new tenant becomes known, a newer snapshot replaces an older
one, and a deleted tenant is forgotten everywhere."""

from tests.support.events import eventually, project_snapshot, texts


class TestTenantEvents:
    async def test_deleted_tenant_is_forgotten_everywhere(self, api, village, publish_as):
        await publish_as("identity", "tenant", "applied", village, village.snapshot(1))
        project = project_snapshot(title=texts("Dorpsplein", ("fr",)))
        await publish_as("projects", "project", "published", village, project)
        widget = "/v1/widget/fragment/projects"
        await eventually(
            lambda: api.get(widget, headers=village.headers()),
            lambda r: "Dorpsplein" in r.text,
        )
        assert (await api.get(f"/v1/internal/hosts/{village.alias}")).json()["alias"] is True

        await publish_as("identity", "tenant", "deleted", village, {"slug": village.slug})
        await eventually(
            lambda: api.get(widget, headers=village.headers()), lambda r: r.status_code == 404
        )
        for host in (village.primary, village.alias):
            assert (await api.get(f"/v1/internal/hosts/{host}")).status_code == 404

    async def test_branding_and_languages_follow_the_newest_snapshot(self, api, city, publish_as):
        newer = city.snapshot(10) | {"branding": {"primary_color": "#aa0000", "logo_url": None}}
        await publish_as("identity", "tenant", "applied", city, newer)
        button = "/v1/widget/fragment/button"
        await eventually(
            lambda: api.get(button, headers=city.headers()),
            lambda r: "background:#aa0000" in r.text,
        )
        older = city.snapshot(9) | {"branding": {"primary_color": "#00aa00", "logo_url": None}}
        await publish_as("identity", "tenant", "applied", city, older)
        marker = city.snapshot(11) | {"display_name": "Na de oude", "branding": newer["branding"]}
        await publish_as("identity", "tenant", "applied", city, marker)
        html = (
            await eventually(
                lambda: api.get(button, headers=city.headers()),
                lambda r: r.status_code == 200 and "background:#aa0000" in r.text,
            )
        ).text
        assert "#00aa00" not in html

    async def test_snapshot_without_a_version_is_applied_as_the_latest(self, api, city, publish_as):
        """identity sends `tenant.applied` without the version docs/events.md promises."""
        unversioned = city.snapshot(1) | {"display_name": "Zonder versie"}
        del unversioned["version"]
        await publish_as("identity", "tenant", "applied", city, unversioned)
        await eventually(
            lambda: api.get("/v1/widget/fragment/projects", headers=city.headers()),
            lambda r: "Inspraak bij Zonder versie" in r.text,
        )
