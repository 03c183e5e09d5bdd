"""Hidden projects are invisible to residents by every route; showing again keeps everything."""

import icalendar
import pytest

from tests.support.api import emitted, make_department, ok, published_project, unique

pytestmark = pytest.mark.keycloak


def _ical_text(response) -> str:
    assert response.status_code == 200, response.text
    calendar = icalendar.Calendar.from_ical(response.content)
    return " ".join(str(event.get("summary")) for event in calendar.walk("VEVENT"))


class TestHiddenProjects:
    async def _routes(self, api, tenant, project, headers):
        """Every way a resident could come across a project."""
        title = project["title"]["nl"]
        word = title.split()[0]
        listing = await ok(await api.get("/projects", headers=headers, params={"limit": 100}))
        search = await ok(await api.get("/projects", headers=headers, params={"q": word}))
        widget = await api.get("/projects/summaries", headers=headers, params={"limit": 50})
        feed = await api.get("/calendar.ics", headers=headers)
        return {
            "list": project["id"] in {i["id"] for i in listing["items"]},
            "search": project["id"] in {i["id"] for i in search["items"]},
            "detail": (await api.get(f"/projects/{project['id']}", headers=headers)).status_code
            == 200,
            "slug": (
                await api.get(f"/projects/by-slug/{project['slug']}", headers=headers)
            ).status_code
            == 200,
            "phases": (
                await api.get(f"/projects/{project['id']}/phases", headers=headers)
            ).status_code
            == 200,
            "updates": (
                await api.get(f"/projects/{project['id']}/updates", headers=headers)
            ).status_code
            == 200,
            "project calendar": (
                await api.get(f"/projects/{project['id']}/calendar.ics", headers=headers)
            ).status_code
            == 200,
            "calendar": title in _ical_text(feed),
            "widget": project["id"] in {card["id"] for card in widget.json()},
        }

    async def test_hidden_project_is_invisible_to_residents_by_every_route(self, api, town):
        department = await make_department(api, town)
        project = await published_project(
            api, town, department["id"], title={"nl": unique("Verborgen"), "fr": "Caché"}
        )
        resident = town.person(unique("resident"))
        for headers in (town.headers(), town.headers(resident)):
            seen = await self._routes(api, town, project, headers)
            assert all(seen.values()), seen

        admin = town.headers(town.superadmin())
        await ok(
            await api.put(
                f"/projects/{project['id']}/visibility",
                headers=admin,
                json={"visibility": "hidden"},
            )
        )

        for headers in (town.headers(), town.headers(resident)):
            seen = await self._routes(api, town, project, headers)
            assert not any(seen.values()), seen
        # Staff still see it, marked hidden.
        staff_view = await ok(await api.get(f"/projects/{project['id']}", headers=admin))
        assert staff_view["visibility"] == "hidden"

    async def test_showing_again_keeps_updates_followers_and_phases(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        url = f"/projects/{project['id']}"
        admin = town.headers(town.superadmin())
        follower = town.person(unique("follower"))
        await ok(await api.put(f"{url}/follow", headers=town.headers(follower)), 204)
        await ok(
            await api.post(
                f"{url}/updates",
                headers=admin,
                json={"title": {"nl": "Nieuws"}, "body": {"nl": "<p>Tekst</p>"}},
            ),
            201,
        )

        await ok(await api.put(f"{url}/visibility", headers=admin, json={"visibility": "hidden"}))
        assert (await api.get(url, headers=town.headers(follower))).status_code == 404
        await ok(await api.put(f"{url}/visibility", headers=admin, json={"visibility": "public"}))

        back = await ok(await api.get(url, headers=town.headers(follower)))
        assert back["following"] is True
        assert len(back["phases"]) == 1
        updates = await ok(await api.get(f"{url}/updates", headers=town.headers(follower)))
        assert [u["title"]["nl"] for u in updates] == ["Nieuws"]
        changes = await emitted(
            session_factory, town.slug, "project.visibility_changed", project["id"]
        )
        assert [c["visibility"] for c in changes] == ["hidden", "public"]

    async def test_restricted_project_admits_only_the_invited(self, api, town):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"], visibility="restricted")
        invited, outsider = town.person(unique("invited")), town.person(unique("outsider"))
        await ok(
            await api.put(
                f"/projects/{project['id']}/access",
                headers=town.headers(town.superadmin()),
                json={"user_ids": [invited.user_id]},
            )
        )
        for person, visible in ((invited, True), (outsider, False)):
            detail = await api.get(f"/projects/{project['id']}", headers=town.headers(person))
            assert detail.status_code == (200 if visible else 404)
            listing = await ok(
                await api.get(
                    "/projects",
                    headers=town.headers(person),
                    params={"department_id": department["id"]},
                )
            )
            assert (project["id"] in {i["id"] for i in listing["items"]}) is visible
        # The public widget never shows restricted projects, not even to the invited.
        widget = await api.get(
            "/projects/summaries",
            headers=town.headers(invited),
            params={"department_id": department["id"]},
        )
        assert widget.json() == []


class TestWidgetData:
    async def test_summaries_are_cacheable_and_revalidate_with_etag(self, api, town):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        params = {"department_id": department["id"]}
        first = await api.get("/projects/summaries", headers=town.headers(), params=params)
        assert first.status_code == 200
        assert first.headers["cache-control"].startswith("public")
        card = first.json()[0]
        assert card["id"] == project["id"]
        assert card["next_phase"]["kind"] == "ideation"
        assert "agreement_note" not in card
        again = await api.get(
            "/projects/summaries",
            headers={**town.headers(), "If-None-Match": first.headers["etag"]},
            params=params,
        )
        assert again.status_code == 304
