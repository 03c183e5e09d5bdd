"""Who may do what, per role and endpoint, and one municipality never sees another's data."""

import pytest

from tests.support.projects import new_project_id, phase, snapshot, voting

PROJECT = "p-mod-4"  # moderated by "moe", in the department "dora" heads
ROLES = ("anonymous", "rob", "moe", "dora", "otto", "sam", "pim", "cora")
MODERATORS = {"moe", "dora", "sam"}
READERS = MODERATORS | {"pim", "cora"}


def expect(allowed: set[str], ok: int, *, denied: int = 403) -> dict[str, int]:
    return {
        role: ok if role in allowed else (401 if role == "anonymous" else denied) for role in ROLES
    }


# (name, method, path, body, expected status per role)
TABLE = [
    ("list inputs", "GET", "/inputs", None, dict.fromkeys(ROLES, 200)),
    ("list phases", "GET", "/phases", None, dict.fromkeys(ROLES, 200)),
    (
        "post input",
        "POST",
        "/phases/idea/inputs",
        {"title": "An idea", "body": "b"},
        expect({"rob"}, 201),
    ),
    ("vote", "POST", "/phases/vote/votes", {"input_id": "{input}"}, expect({"rob"}, 201)),
    ("react", "PUT", "/inputs/{input}/reaction", {"value": "up"}, expect({"rob"}, 200)),
    ("comment", "POST", "/inputs/{input}/comments", {"body": "Nice"}, expect({"rob"}, 201)),
    (
        "official reply",
        "POST",
        "/inputs/{input}/comments",
        {"body": "We agree", "official": True},
        expect(MODERATORS, 201),
    ),
    (
        "report",
        "POST",
        "/reports",
        {"item_type": "input", "item_id": "{input}", "reason": "other"},
        expect({"rob"}, 201),
    ),
    (
        "set status",
        "POST",
        "/inputs/{input}/status",
        {"status": "under_consideration"},
        expect(MODERATORS, 200),
    ),
    ("review", "POST", "/moderation/input/{input}/review", None, expect(MODERATORS, 204)),
    ("queue", "GET", "/moderation/queue", None, expect(MODERATORS, 200)),
    ("moderation log", "GET", "/moderation/actions", None, expect(MODERATORS, 200)),
    ("project results", "GET", "/results", None, expect(READERS, 200)),
    ("phase results", "GET", "/phases/vote/results", None, expect(READERS, 200)),
    ("export", "GET", "/exports/inputs", None, expect(READERS, 200)),
]
CASES = [
    pytest.param(method, path, body, role, status, id=f"{name}-{role}")
    for name, method, path, body, statuses in TABLE
    for role, status in statuses.items()
]


@pytest.fixture(scope="module")
async def input_id(api, apply_project) -> str:
    phases = [phase("idea", "ideation"), phase("vote", "voting", voting=voting("support"))]
    await apply_project(snapshot(PROJECT, phases))
    created = await api.request(
        "POST",
        f"/projects/{PROJECT}/phases/idea/inputs",
        "rita",
        json={"title": "Shared idea", "body": "text"},
    )
    return created.json()["input_id"]


def _fill(value, input_id: str):
    if isinstance(value, dict):
        return {k: _fill(v, input_id) for k, v in value.items()}
    return value.replace("{input}", input_id) if isinstance(value, str) else value


class TestRightsTable:
    @pytest.mark.parametrize(("method", "path", "body", "role", "status"), CASES)
    async def test_role_on_endpoint(self, api, input_id, method, path, body, role, status):
        user = None if role == "anonymous" else role
        response = await api.request(
            method, f"/projects/{PROJECT}{_fill(path, input_id)}", user, json=_fill(body, input_id)
        )
        assert response.status_code == status, response.text
        if status >= 400:
            assert response.headers["content-type"] == "application/problem+json"


class TestVisibility:
    @pytest.mark.parametrize(
        ("status", "visibility"),
        [("published", "hidden"), ("draft", "public"), ("published", "restricted")],
    )
    async def test_unpublished_or_hidden_project_is_invisible_to_residents(
        self, api, apply_project, status, visibility
    ):
        project_id = new_project_id()
        await apply_project(
            snapshot(project_id, [phase("idea", "ideation")], status=status, visibility=visibility)
        )
        seen = {
            role: (
                await api.request(
                    "GET", f"/projects/{project_id}/inputs", None if role == "anonymous" else role
                )
            ).status_code
            for role in ROLES
        }
        assert seen == {
            "anonymous": 404,
            "rob": 404,
            "moe": 404,
            "dora": 200,
            "otto": 404,
            "sam": 200,
            "pim": 200,
            "cora": 200,
        }


class TestParticipation:
    async def test_invited_resident_sees_a_restricted_project(self, api, apply_project):
        project_id = new_project_id()
        data = snapshot(project_id, [phase("idea", "ideation")], visibility="restricted")
        await apply_project(data | {"allowed_user_ids": [api.user_id("rob")]})
        assert (
            await api.request("GET", f"/projects/{project_id}/inputs", "rob")
        ).status_code == 200
        assert (
            await api.request("GET", f"/projects/{project_id}/inputs", "ruth")
        ).status_code == 404
        posted = await api.request(
            "POST",
            f"/projects/{project_id}/phases/idea/inputs",
            "rob",
            json={"title": "Invited idea", "body": "b"},
        )
        assert posted.status_code == 201

    @pytest.mark.parametrize(
        ("visibility", "state", "public"),
        [
            ("during", "open", True),
            ("after", "open", False),
            ("after", "ended", True),
            ("staff", "ended", False),
        ],
    )
    async def test_phase_results_are_public_as_the_phase_says(
        self, api, apply_project, visibility, state, public
    ):
        project_id = new_project_id()
        vote = phase(
            "vote", "voting", state, voting=voting("support"), results_visibility=visibility
        )
        await apply_project(snapshot(project_id, [vote]))
        path = f"/projects/{project_id}/phases/vote/results"
        assert (await api.request("GET", path, "rob")).status_code == (200 if public else 403)
        assert (await api.request("GET", path)).status_code == (200 if public else 401)
        assert (await api.request("GET", path, "pim")).status_code == 200


class TestTenants:
    async def test_a_token_of_another_municipality_is_refused(self, api, other_api, input_id):
        response = await api.client.get(
            f"/projects/{PROJECT}/inputs",
            headers={**other_api.headers("bert"), "X-Inspraak-Tenant": api.tenant},
        )
        assert response.status_code == 403

    async def test_the_same_project_id_elsewhere_is_another_project(
        self, api, other_api, apply_project, input_id
    ):
        assert (
            await other_api.request("GET", f"/projects/{PROJECT}/inputs", "bert")
        ).status_code == 404
        await apply_project(
            snapshot(PROJECT, [phase("idea", "ideation")], version=7), tenant=other_api.tenant
        )
        posted = await other_api.request(
            "POST",
            f"/projects/{PROJECT}/phases/idea/inputs",
            "bert",
            json={"title": "Brugge idea", "body": "text"},
        )
        assert posted.status_code == 201
        theirs = (await other_api.request("GET", f"/projects/{PROJECT}/inputs", "bert")).json()
        ours = (await api.request("GET", f"/projects/{PROJECT}/inputs", "rob")).json()
        assert [i["title"] for i in theirs["items"]] == ["Brugge idea"]
        assert "Brugge idea" not in [i["title"] for i in ours["items"]]
        cross = await other_api.request("GET", f"/projects/{PROJECT}/inputs/{input_id}", "bert")
        assert cross.status_code == 404
        moderated = await other_api.request(
            "POST",
            f"/projects/{PROJECT}/inputs/{input_id}/status",
            "bea",
            json={"status": "accepted"},
        )
        assert moderated.status_code == 404, "a superadmin elsewhere cannot touch our input"
