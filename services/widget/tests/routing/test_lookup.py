"""The gateway's host lookup: tenant by host, alias → primary (301), path redirects resolved
into one hop, and unknown hosts refused."""

import pytest

PATH = "/v1/internal/hosts"


@pytest.fixture
async def officer(town):
    return town.headers(town.person("it_admin"))


@pytest.fixture
async def redirects(api, officer):
    created = []

    async def add(source: str, target: str, permanent: bool = True) -> None:
        response = await api.post(
            "/v1/redirects",
            headers=officer,
            json={"source_path": source, "target": target, "permanent": permanent},
        )
        assert response.status_code == 201, response.text
        created.append(response.json()["id"])

    yield add
    for redirect_id in created:
        await api.delete(f"/v1/redirects/{redirect_id}", headers=officer)


class TestHosts:
    async def test_primary_host_resolves_to_its_tenant_without_redirect(self, api, town):
        response = await api.get(f"{PATH}/{town.primary}", params={"path": "/projects"})
        assert response.status_code == 200, response.text
        assert response.json() == {
            "host": town.primary,
            "tenant": town.slug,
            "primary": town.primary,
            "alias": False,
            "redirect": None,
        }

    async def test_alias_redirects_permanently_to_the_primary_keeping_path_and_query(
        self, api, town
    ):
        response = await api.get(
            f"{PATH}/{town.alias.upper()}:443", params={"path": "/projects/park?tab=ideas"}
        )
        lookup = response.json()
        assert lookup["tenant"] == town.slug
        assert lookup["alias"] is True
        assert lookup["redirect"] == {
            "status": 301,
            "location": f"https://{town.primary}/projects/park?tab=ideas",
        }

    async def test_unknown_host_is_refused(self, api):
        response = await api.get(f"{PATH}/unknown.example.org")
        assert response.status_code == 404
        assert response.json()["type"].endswith("unknown-host")

    async def test_hosts_of_two_tenants_stay_apart(self, api, town, city):
        assert (await api.get(f"{PATH}/{city.primary}")).json()["tenant"] == city.slug
        assert (await api.get(f"{PATH}/{town.primary}")).json()["tenant"] == town.slug


class TestPathRedirects:
    async def test_path_redirect_on_the_primary(self, api, town, redirects):
        await redirects("/omgevingsvisie", "/projects/omgevingsvisie-2040")
        lookup = (
            await api.get(f"{PATH}/{town.primary}", params={"path": "/Omgevingsvisie/?utm=x"})
        ).json()
        assert lookup["redirect"] == {
            "status": 301,
            "location": f"https://{town.primary}/projects/omgevingsvisie-2040",
        }

    async def test_path_redirect_on_an_alias_goes_straight_to_the_final_target(
        self, api, town, redirects
    ):
        await redirects("/oud", "/nieuw", permanent=False)
        await redirects("/nieuw", "https://www.gemeente.test/plan")
        lookup = (await api.get(f"{PATH}/{town.alias}", params={"path": "/oud"})).json()
        assert lookup["redirect"] == {"status": 302, "location": "https://www.gemeente.test/plan"}

    async def test_paths_without_a_redirect_are_served(self, api, town, redirects):
        await redirects("/visie", "/projects/visie")
        lookup = (await api.get(f"{PATH}/{town.primary}", params={"path": "/visie/extra"})).json()
        assert lookup["redirect"] is None

    async def test_another_tenants_redirects_do_not_apply(self, api, city, redirects):
        await redirects("/alleen-de-stad-niet", "/projects/x")
        lookup = (
            await api.get(f"{PATH}/{city.primary}", params={"path": "/alleen-de-stad-niet"})
        ).json()
        assert lookup["redirect"] is None
