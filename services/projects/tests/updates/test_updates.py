"""Project updates inform followers; residents follow published projects."""

import asyncio

import pytest

from tests.support.api import (
    complete_project,
    emitted,
    make_department,
    ok,
    published_project,
    unique,
)

pytestmark = pytest.mark.keycloak

POST = {
    "title": {"nl": "Werken starten", "fr": "Début des travaux"},
    "body": {"nl": "<p>Maandag</p>"},
}


class TestUpdates:
    async def test_update_is_announced_to_the_projects_followers(self, api, town, session_factory):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        url = f"/projects/{project['id']}"
        followers = [town.person(unique("buur")) for _ in range(2)]
        for follower in followers:
            # Following twice at once counts once.
            results = await asyncio.gather(
                *(api.put(f"{url}/follow", headers=town.headers(follower)) for _ in range(3))
            )
            assert {r.status_code for r in results} == {204}
        await ok(await api.delete(f"{url}/follow", headers=town.headers(followers[1])), 204)

        posted = await ok(
            await api.post(f"{url}/updates", headers=town.headers(town.superadmin()), json=POST),
            201,
        )

        assert posted["posted_by_username"] == "superadmin"
        announced = await emitted(session_factory, town.slug, "update.posted", posted["id"])
        assert announced == [
            {
                "project_id": project["id"], "update_id": posted["id"], "title": POST["title"],
                "body": POST["body"], "posted_by_user_id": town.superadmin().user_id,
                "posted_by_username": "superadmin", "follower_user_ids": [followers[0].user_id],
            }
        ]  # fmt: skip
        added = await emitted(session_factory, town.slug, "follower.added", project["id"])
        assert sorted(a["user_id"] for a in added) == sorted(f.user_id for f in followers)
        listed = await ok(await api.get(f"{url}/updates", headers=town.headers()))
        assert [u["id"] for u in listed] == [posted["id"]]

    async def test_updates_and_follows_need_a_published_project(self, api, town):
        department = await make_department(api, town)
        admin = town.headers(town.superadmin())
        draft = await ok(
            await api.post(
                "/projects", headers=admin, json=complete_project(town, department["id"])
            ),
            201,
        )
        response = await api.post(f"/projects/{draft['id']}/updates", headers=admin, json=POST)
        assert response.status_code == 409
        follow = await api.put(f"/projects/{draft['id']}/follow", headers=admin)
        assert follow.status_code == 409

    async def test_an_updates_body_is_sanitised_before_it_is_stored_or_announced(
        self, api, town, session_factory
    ):
        department = await make_department(api, town)
        project = await published_project(api, town, department["id"])
        hostile = {
            "title": {"nl": "Nieuws"},
            "body": {"nl": '<p onclick="x()">Maandag <a href="javascript:alert(1)">plan</a>'
                           '<img src="x" onerror="alert(2)"></p><script>alert(3)</script>'},
        }  # fmt: skip
        posted = await ok(
            await api.post(
                f"/projects/{project['id']}/updates",
                headers=town.headers(town.superadmin()),
                json=hostile,
            ),
            201,
        )
        announced = await emitted(session_factory, town.slug, "update.posted", posted["id"])
        for body in (posted["body"]["nl"], announced[0]["body"]["nl"]):
            assert body.startswith("<p>Maandag <a")
            for unsafe in ("<script", "onclick", "onerror", "javascript:"):
                assert unsafe not in body, (unsafe, body)
