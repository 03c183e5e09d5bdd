"""Path redirects: managed by the IT officer, validated, one per path, and never a loop."""

import asyncio

import pytest

PATH = "/v1/redirects"


@pytest.fixture
async def officer(town):
    return town.headers(town.person("it_admin"))


@pytest.fixture
async def clean(api, officer):
    """Each test starts without redirects of the town."""
    yield
    for redirect in (await api.get(PATH, headers=officer)).json():
        await api.delete(f"{PATH}/{redirect['id']}", headers=officer)


async def add(api, headers, source: str, target: str, permanent: bool = True):
    return await api.post(
        PATH,
        headers=headers,
        json={"source_path": source, "target": target, "permanent": permanent},
    )


@pytest.mark.usefixtures("clean")
class TestManagingRedirects:
    async def test_create_list_update_delete(self, api, officer):
        created = await add(api, officer, "/Omgevingsvisie/", "/projects/omgevingsvisie-2040")
        assert created.status_code == 201, created.text
        redirect = created.json()
        assert redirect["source_path"] == "/omgevingsvisie"  # one spelling per path
        assert [r["id"] for r in (await api.get(PATH, headers=officer)).json()] == [redirect["id"]]
        updated = await api.put(
            f"{PATH}/{redirect['id']}",
            headers=officer,
            json={"target": "https://www.gemeente.test/visie", "permanent": False},
        )
        assert updated.status_code == 200, updated.text
        assert updated.json()["target"] == "https://www.gemeente.test/visie"
        assert updated.json()["permanent"] is False
        assert (await api.delete(f"{PATH}/{redirect['id']}", headers=officer)).status_code == 204
        assert (await api.get(PATH, headers=officer)).json() == []
        missing = await api.delete(f"{PATH}/{redirect['id']}", headers=officer)
        assert missing.status_code == 404

    async def test_one_redirect_per_path(self, api, officer):
        assert (await add(api, officer, "/visie", "/projects/a")).status_code == 201
        again = await add(api, officer, "/VISIE", "/projects/b")
        assert again.status_code == 409
        assert again.json()["type"].endswith("redirect-exists")

    async def test_concurrent_creates_of_one_path_leave_one(self, api, officer):
        results = await asyncio.gather(
            *(add(api, officer, "/tegelijk", f"/projects/{n}") for n in range(4))
        )
        assert sorted(r.status_code for r in results) == [201, 409, 409, 409]
        assert len((await api.get(PATH, headers=officer)).json()) == 1

    @pytest.mark.parametrize(
        ("source", "target"),
        [
            ("omgevingsvisie", "/projects/x"),
            ("/", "/projects/x"),
            ("/a b", "/projects/x"),
            ("/a?b=1", "/projects/x"),
            ("/../etc", "/projects/x"),
            ("/v1/widget/embed.js", "/projects/x"),
            ("/auth/login", "/projects/x"),
            ("/visie", "projects/x"),
            ("/visie", "//evil.example/x"),
            ("/visie", "http://www.gemeente.test/"),
            ("/visie", "javascript:alert(1)"),
            ("/visie", "https://"),
            ("/visie", "/visie/"),
        ],
    )
    async def test_invalid_paths_and_targets_are_422(self, api, officer, source, target):
        response = await add(api, officer, source, target)
        assert response.status_code == 422, response.text
        assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.usefixtures("clean")
class TestLoops:
    async def test_two_redirects_that_point_at_each_other_are_refused(self, api, officer):
        assert (await add(api, officer, "/a", "/b")).status_code == 201
        loop = await add(api, officer, "/b", "/a")
        assert loop.status_code == 409, loop.text
        assert loop.json()["type"].endswith("redirect-loop")
        assert loop.json()["chain"] == ["/b", "/a", "/b"]

    async def test_a_loop_through_an_absolute_address_on_an_own_domain_is_refused(
        self, api, officer, town
    ):
        assert (await add(api, officer, "/a", f"https://{town.alias}/b")).status_code == 201
        assert (await add(api, officer, "/b", "/c/")).status_code == 201
        loop = await add(api, officer, "/c", f"https://{town.primary}/A")
        assert loop.status_code == 409
        assert loop.json()["chain"] == ["/c", "/a", "/b", "/c"]

    async def test_changing_a_target_into_a_loop_is_refused_and_changes_nothing(self, api, officer):
        first = (await add(api, officer, "/a", "/b")).json()
        assert (await add(api, officer, "/b", "/c")).status_code == 201
        closing = await add(api, officer, "/c", "/d")
        response = await api.put(
            f"{PATH}/{closing.json()['id']}", headers=officer, json={"target": "/a"}
        )
        assert response.status_code == 409
        stored = {
            r["source_path"]: r["target"] for r in (await api.get(PATH, headers=officer)).json()
        }
        assert stored == {"/a": "/b", "/b": "/c", "/c": "/d"}
        assert first["target"] == "/b"

    async def test_a_redirect_to_another_site_ends_the_chain(self, api, officer):
        assert (await add(api, officer, "/a", "https://www.other-site.test/a")).status_code == 201
        assert (await add(api, officer, "/b", "/a")).status_code == 201

    async def test_chains_longer_than_five_are_refused(self, api, officer):
        for n in range(5):
            assert (await add(api, officer, f"/s{n}", f"/s{n + 1}")).status_code == 201
        too_long = await add(api, officer, "/start", "/s0")
        assert too_long.status_code == 409
        assert too_long.json()["type"].endswith("redirect-chain-too-long")

    async def test_concurrent_halves_of_a_loop_cannot_both_pass(self, api, officer):
        results = await asyncio.gather(add(api, officer, "/x", "/y"), add(api, officer, "/y", "/x"))
        assert sorted(r.status_code for r in results) == [201, 409]


class TestRights:
    @pytest.mark.parametrize("role", ["communications", "user"])
    async def test_only_it_officer_and_superadmin_manage_redirects(self, api, town, role):
        headers = town.headers(town.person(role))
        assert (await api.get(PATH, headers=headers)).status_code == 403
        assert (await add(api, headers, "/visie", "/projects/x")).status_code == 403
        superadmin = town.headers(town.person("superadmin"))
        assert (await api.get(PATH, headers=superadmin)).status_code == 200

    async def test_another_tenants_redirect_is_not_found(self, api, town, city, officer):
        created = (await add(api, officer, "/eigen", "/projects/x")).json()
        token = {"Authorization": officer["Authorization"]}
        # The officer's token is the town's: on the city it is refused before anything else.
        response = await api.delete(f"{PATH}/{created['id']}", headers=city.headers() | token)
        assert response.status_code == 403
        await api.delete(f"{PATH}/{created['id']}", headers=officer)
