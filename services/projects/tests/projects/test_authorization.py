"""Who may do what: every role of PRODUCT.md against every kind of endpoint and visibility.

One world per module (a department with a draft, a public, a hidden and a restricted
project, and one person per role); each row of the tables is one request.
"""

from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.api import (
    Tenant,
    complete_project,
    make_department,
    ok,
    published_project,
    soon,
    unique,
)
from tests.support.keycloak import Person

pytestmark = pytest.mark.keycloak

PERSONAS = (
    "anonymous", "resident", "invited", "it_admin", "superadmin", "policy_maker",
    "communications", "head", "other_head", "moderator", "other_moderator",
)  # fmt: skip


@dataclass
class World:
    tenant: Tenant
    department: dict[str, Any]
    projects: dict[str, dict[str, Any]]
    people: dict[str, Person | None]

    def headers(self, persona: str) -> dict[str, str]:
        return self.tenant.headers(self.people[persona])


@pytest.fixture(scope="module")
async def world(api, town) -> World:
    department = await make_department(api, town)
    other_department = await make_department(api, town)
    admin = town.headers(town.superadmin())
    draft = await ok(
        await api.post("/projects", headers=admin, json=complete_project(town, department["id"])),
        201,
    )
    projects = {
        "draft": draft,
        "public": await published_project(api, town, department["id"]),
        "hidden": await published_project(api, town, department["id"], visibility="hidden"),
        "restricted": await published_project(api, town, department["id"], visibility="restricted"),
    }
    elsewhere = await published_project(api, town, other_department["id"])
    tag = unique("w")
    people: dict[str, Person | None] = {
        "anonymous": None,
        "resident": town.person(f"resident-{tag}"),
        "invited": town.person(f"invited-{tag}"),
        "it_admin": town.person(f"itadmin-{tag}", "it_admin", "user"),
        "superadmin": town.superadmin(),
        "policy_maker": town.person(f"mayor-{tag}", "policy_maker", "user"),
        "communications": town.person(f"comms-{tag}", "communications", "user"),
        "head": town.person(
            f"head-{tag}", scopes=(f"department_head:department:{department['id']}",)
        ),
        "other_head": town.person(
            f"otherhead-{tag}", scopes=(f"department_head:department:{other_department['id']}",)
        ),
        "moderator": town.person(
            f"mod-{tag}",
            scopes=tuple(f"project_moderator:project:{p['id']}" for p in projects.values()),
        ),
        "other_moderator": town.person(
            f"othermod-{tag}", scopes=(f"project_moderator:project:{elsewhere['id']}",)
        ),
    }
    invited = people["invited"]
    assert invited is not None
    await ok(
        await api.put(
            f"/projects/{projects['restricted']['id']}/access",
            headers=admin,
            json={"user_ids": [invited.user_id]},
        )
    )
    return World(town, department, projects, people)


STAFF = {"superadmin", "policy_maker", "communications", "head", "moderator"}
READ_EXPECTED = {
    "draft": STAFF,
    "public": set(PERSONAS),
    "hidden": STAFF,
    "restricted": STAFF | {"invited"},
}


class TestReading:
    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize("which", list(READ_EXPECTED))
    async def test_project_detail_is_readable_exactly_by_who_may_see_it(
        self, api, world, persona, which
    ):
        project = world.projects[which]
        response = await api.get(f"/projects/{project['id']}", headers=world.headers(persona))
        expected = 200 if persona in READ_EXPECTED[which] else 404
        assert response.status_code == expected, (persona, which, response.text)
        if expected == 200:
            body = response.json()
            # The working side (agreement note, team, access list) is for staff only.
            assert ("agreement_note" in body) == (persona in STAFF)

    @pytest.mark.parametrize("persona", PERSONAS)
    async def test_listing_shows_exactly_the_readable_projects(self, api, world, persona):
        response = await api.get(
            "/projects",
            headers=world.headers(persona),
            params={"department_id": world.department["id"], "limit": 50},
        )
        listed = {item["id"] for item in (await ok(response))["items"]}
        expected = {
            world.projects[which]["id"]
            for which, readers in READ_EXPECTED.items()
            if persona in readers
        }
        assert listed == expected


def _create_project_body(world: World) -> dict[str, Any]:
    return complete_project(world.tenant, world.department["id"])


WRITES: list[tuple[str, str, str, Any, dict[str, int]]] = [
    # (name, method, path, body, {persona: status}); unlisted personas: 403, anonymous 401.
    (
        "edit page", "PATCH", "/projects/{public}", {"target_audience": {"nl": "Iedereen"}},
        {"superadmin": 200, "moderator": 200},
    ),
    (
        "edit hidden page", "PATCH", "/projects/{hidden}", {"target_audience": {"nl": "Iedereen"}},
        {"superadmin": 200, "moderator": 200, "resident": 404, "invited": 404, "it_admin": 404,
         "other_head": 404, "other_moderator": 404},
    ),
    (
        "show or hide", "PUT", "/projects/{public}/visibility", {"visibility": "public"},
        {"superadmin": 200, "moderator": 200, "head": 200},
    ),
    (
        "access list", "PUT", "/projects/{restricted}/access", "ACCESS",
        {"superadmin": 200, "moderator": 200, "resident": 404, "it_admin": 404,
         "other_head": 404, "other_moderator": 404},
    ),
    (
        "post update", "POST", "/projects/{public}/updates",
        {"title": {"nl": "Nieuws"}, "body": {"nl": "<p>Het park</p>"}},
        {"superadmin": 201, "moderator": 201},
    ),
    (
        "approve (wrong status proves the right)", "POST", "/projects/{public}/approve", {},
        {"superadmin": 409, "head": 409},
    ),
    (
        "add a phase to a draft", "POST", "/projects/{draft}/phases", "PHASE",
        {"superadmin": 201, "moderator": 201, "resident": 404, "invited": 404, "it_admin": 404,
         "other_head": 404, "other_moderator": 404},
    ),
    (
        "see moderators", "GET", "/projects/{public}/moderators", None,
        {"superadmin": 200, "moderator": 200, "head": 200, "policy_maker": 200,
         "communications": 200},
    ),
    (
        "create project", "POST", "/projects", "PROJECT",
        {"superadmin": 201, "head": 201},
    ),
    (
        "create department", "POST", "/departments", "DEPARTMENT",
        {"superadmin": 201},
    ),
    (
        "create area", "POST", "/areas", "AREA",
        {"superadmin": 201},
    ),
    (
        "plan evaluation", "POST", "/calendar/evaluations", "EVALUATION",
        {"superadmin": 201, "communications": 201},
    ),
    (
        "staff calendar link", "POST", "/calendar/feeds", {},
        {"superadmin": 201, "policy_maker": 201, "communications": 201},
    ),
    (
        "department calendar link", "POST", "/calendar/feeds", "DEPARTMENT_FEED",
        {"superadmin": 201, "policy_maker": 201, "communications": 201, "head": 201},
    ),
    (
        "follow", "PUT", "/projects/{public}/follow", None,
        {persona: 204 for persona in PERSONAS if persona != "anonymous"},
    ),
]  # fmt: skip

_counter = iter(range(10_000))


def _body(world: World, body: Any) -> Any:
    n = next(_counter)
    if body == "PHASE":
        # Far apart, so that the rows that succeed never overlap each other.
        return {
            "kind": "information",
            "title": {"nl": "Info"},
            "starts_at": soon(100 + 10 * n).isoformat(),
            "ends_at": soon(101 + 10 * n).isoformat(),
        }
    if body == "PROJECT":
        return _create_project_body(world)
    if body in ("DEPARTMENT", "AREA"):
        return {"slug": unique("s"), "name": {"nl": "Naam"}}
    if body == "EVALUATION":
        return {"title": {"nl": "Evaluatie"}, "planned_for": soon(30).isoformat()}
    if body == "ACCESS":
        # Keeps the invited resident in, whatever order the rows run in.
        return {"user_ids": [world.people["invited"].user_id]}  # type: ignore[union-attr]
    if body == "DEPARTMENT_FEED":
        return {"department_id": world.department["id"]}
    return body


class TestChanging:
    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize(
        ("method", "path", "body", "allowed"),
        [row[1:] for row in WRITES],
        ids=[row[0] for row in WRITES],
    )
    async def test_each_role_may_change_exactly_what_its_role_allows(
        self, api, world, persona, method, path, body, allowed
    ):
        url = path.format(**{which: p["id"] for which, p in world.projects.items()})
        response = await api.request(
            method, url, headers=world.headers(persona), json=_body(world, body)
        )
        default = 401 if persona == "anonymous" else 403
        assert response.status_code == allowed.get(persona, default), (persona, response.text)
        if response.status_code >= 400:
            assert response.headers["content-type"] == "application/problem+json"


class TestTenancy:
    async def test_another_municipality_sees_nothing_of_this_one(self, api, world, city):
        project = world.projects["public"]
        # Its own superadmin, on its own tenant: the project does not exist there.
        response = await api.get(
            f"/projects/{project['id']}", headers=city.headers(city.superadmin())
        )
        assert response.status_code == 404
        listing = await ok(await api.get("/projects", headers=city.headers(city.superadmin())))
        assert project["id"] not in {item["id"] for item in listing["items"]}

    async def test_a_token_of_another_municipality_is_refused(self, api, world, city):
        response = await api.get(
            f"/projects/{world.projects['public']['id']}",
            headers={**world.tenant.headers(), **city.superadmin().auth},
        )
        assert response.status_code == 403

    async def test_an_unknown_municipality_is_not_served(self, api):
        response = await api.get("/projects", headers={"X-Inspraak-Tenant": "nowhere-town"})
        assert response.status_code == 404
        assert response.json()["type"].endswith("tenant-unknown")
