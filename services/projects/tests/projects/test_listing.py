"""Listing and search: filters by area, topic, status and method; stable cursor pages."""

import pytest

from tests.support.api import (
    complete_project,
    make_department,
    ok,
    phase,
    published_project,
    unique,
)

pytestmark = pytest.mark.keycloak


async def _term(api, tenant, kind: str) -> dict:
    response = await api.post(
        f"/{kind}",
        headers=tenant.headers(tenant.superadmin()),
        json={"slug": unique(kind[:4]), "name": tenant.text(kind)},
    )
    return await ok(response, 201)


class TestFilters:
    async def test_filters_by_area_topic_method_and_search(self, api, town):
        department = await make_department(api, town)
        area, topic = await _term(api, town, "areas"), await _term(api, town, "topics")
        word = unique("zebrapad")
        tagged = await published_project(
            api,
            town,
            department["id"],
            area_ids=[area["id"]],
            topic_ids=[topic["id"]],
            title={"nl": f"Nieuw {word}", "fr": "Passage"},
        )
        plain = await published_project(api, town, department["id"])
        base = {"department_id": department["id"]}

        async def ids(**params) -> set[str]:
            page = await ok(
                await api.get("/projects", headers=town.headers(), params=base | params)
            )
            return {item["id"] for item in page["items"]}

        assert await ids() == {tagged["id"], plain["id"]}
        assert await ids(area_id=area["id"]) == {tagged["id"]}
        assert await ids(topic_id=topic["id"]) == {tagged["id"]}
        assert await ids(q=word.upper()) == {tagged["id"]}
        assert await ids(q="100%_") == set()
        assert await ids(method="ideation") == {tagged["id"], plain["id"]}
        assert await ids(method="voting") == set()
        assert await ids(status="archived") == set()

    async def test_unknown_area_is_a_clear_validation_error(self, api, town):
        department = await make_department(api, town)
        body = complete_project(town, department["id"], area_ids=[department["id"]])
        response = await api.post("/projects", headers=town.headers(town.superadmin()), json=body)
        assert response.status_code == 422
        assert response.json()["unknown_ids"] == [department["id"]]

    async def test_staff_find_drafts_that_residents_do_not(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        draft = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        params = {"department_id": department["id"], "status": "draft"}
        staff = await ok(await api.get("/projects", headers=admin, params=params))
        residents = await ok(await api.get("/projects", headers=town.headers(), params=params))
        assert [i["id"] for i in staff["items"]] == [draft["id"]]
        assert residents["items"] == []


class TestPagination:
    async def test_cursor_pages_cover_every_project_once(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        created = []
        for _ in range(5):
            project = await ok(
                await api.post(
                    "/projects", headers=admin, json=complete_project(town, department["id"])
                ),
                201,
            )
            created.append(project["id"])
        seen, cursor = [], None
        while True:
            params = {"department_id": department["id"], "limit": 2}
            if cursor:
                params["cursor"] = cursor
            page = await ok(await api.get("/projects", headers=admin, params=params))
            seen += [item["id"] for item in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        assert seen == list(reversed(created)), "newest first, each once"

    async def test_a_forged_cursor_is_a_bad_request(self, api, town):
        response = await api.get("/projects", headers=town.headers(), params={"cursor": "nonsense"})
        assert response.status_code == 400


class TestProjectContent:
    async def test_rich_text_is_sanitised_and_texts_must_use_the_tenant_languages(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        body = complete_project(
            town,
            department["id"],
            description={"nl": '<p onclick="x()">Hallo<script>alert(1)</script></p>'},
        )
        project = await ok(await api.post("/projects", headers=admin, json=body), 201)
        assert project["description"] == {"nl": "<p>Hallo</p>"}

        english = complete_project(town, department["id"], summary={"en": "Not here"})
        response = await api.post("/projects", headers=admin, json=english)
        assert response.status_code == 422
        assert response.json()["type"].endswith("language-not-enabled")

    async def test_area_geometry_must_be_a_closed_polygon(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        open_ring = {"type": "Polygon", "coordinates": [[[3.7, 51.0], [3.8, 51.0], [3.8, 51.1]]]}
        response = await api.post(
            "/projects",
            headers=admin,
            json=complete_project(town, department["id"], area_geometry=open_ring),
        )
        assert response.status_code == 422
        square = [[3.7, 51.0], [3.8, 51.0], [3.8, 51.1], [3.7, 51.1], [3.7, 51.0]]
        response = await api.post(
            "/projects",
            headers=admin,
            json=complete_project(
                town,
                department["id"],
                area_geometry={"type": "Polygon", "coordinates": [square]},
            ),
        )
        assert response.status_code == 201

    async def test_spatial_plan_needs_the_project_area_before_publication(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        project = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        await ok(
            await api.post(
                f"/projects/{project['id']}/phases", headers=admin, json=phase(town, "spatial_plan")
            ),
            201,
        )
        response = await api.post(f"/projects/{project['id']}/publish", headers=admin)
        assert response.status_code == 409
        assert response.json()["missing"] == ["area_geometry"]
