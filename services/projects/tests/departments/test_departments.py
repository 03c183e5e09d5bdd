"""Departments: unique slugs, snapshots with versions, no deleting one that has projects."""

import pytest

from tests.support.api import emitted, make_department, ok, published_project, unique

pytestmark = pytest.mark.keycloak


class TestDepartments:
    async def test_create_rename_and_delete_are_announced_with_growing_versions(
        self, api, town, session_factory
    ):
        admin = town.headers(town.superadmin())
        department = await make_department(api, town)
        renamed = await ok(
            await api.patch(
                f"/departments/{department['id']}",
                headers=admin,
                json={"name": town.text("Cultuur")},
            )
        )
        assert renamed["version"] == 2
        await ok(await api.delete(f"/departments/{department['id']}", headers=admin), 204)

        events = [
            (verb, data["version"])
            for verb in ("created", "updated", "deleted")
            for data in await emitted(
                session_factory, town.slug, f"department.{verb}", department["id"]
            )
        ]
        assert events == [("created", 1), ("updated", 2), ("deleted", 3)]
        assert (await api.get(f"/departments/{department['id']}", headers=admin)).status_code == 404

    async def test_slug_is_unique_per_tenant(self, api, town, city):
        slug = unique("groen")
        for tenant, expected in ((town, 201), (town, 409), (city, 201)):
            response = await api.post(
                "/departments",
                headers=tenant.headers(tenant.superadmin()),
                json={"slug": slug, "name": {"nl": "Groen"}},
            )
            assert response.status_code == expected

    async def test_a_department_with_projects_cannot_be_deleted(self, api, town):
        department = await make_department(api, town)
        await published_project(api, town, department["id"])
        response = await api.delete(
            f"/departments/{department['id']}", headers=town.headers(town.superadmin())
        )
        assert response.status_code == 409
        assert response.json()["type"].endswith("department-has-projects")

    async def test_everyone_may_list_departments(self, api, town):
        department = await make_department(api, town)
        listed = await ok(await api.get("/departments", headers=town.headers()))
        assert department["id"] in {d["id"] for d in listed}
