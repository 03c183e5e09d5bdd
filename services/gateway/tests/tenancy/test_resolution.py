"""The tenant comes from the Host header, as the real widget service knows the hosts."""

from inspraak_gateway.main import create_app

from tests.support.servers import gateway_client


class TestKnownHosts:
    async def test_the_primary_host_reaches_its_municipality(self, platform_settings, town):
        async with gateway_client(create_app(platform_settings), town.primary) as client:
            # projects refuses a request without X-Inspraak-Tenant: this one got it.
            response = await client.get("/api/v1/projects/projects")
        assert response.status_code == 200, response.text
        assert isinstance(response.json(), list | dict)

    async def test_an_alias_page_redirects_to_the_primary_domain_keeping_path_and_query(
        self, platform_settings, town
    ):
        async with gateway_client(create_app(platform_settings), town.alias) as client:
            response = await client.get("/omgevingsvisie?wijk=noord")
        assert response.status_code == 301
        assert response.headers["location"] == f"https://{town.primary}/omgevingsvisie?wijk=noord"

    async def test_the_api_is_served_on_an_alias_without_a_redirect(self, platform_settings, town):
        async with gateway_client(create_app(platform_settings), town.alias) as client:
            response = await client.get("/api/v1/projects/projects")
        assert response.status_code == 200


class TestUnknownHosts:
    async def test_an_unknown_host_gets_a_problem(self, platform_settings, town):
        async with gateway_client(create_app(platform_settings), "nobody.example.org") as client:
            response = await client.get("/api/v1/projects/projects")
            page = await client.get("/", headers={"Accept": "text/html"})
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "urn:inspraak:problem:unknown-host"
        assert page.status_code == 404
        assert page.headers["content-type"].startswith("text/html")
        assert "Dit adres hoort niet bij een gemeente" in page.text
        assert 'lang="fr"' in page.text

    async def test_a_malformed_host_is_refused_without_asking_the_widget(
        self, platform_settings, town
    ):
        async with gateway_client(create_app(platform_settings), "bad_host!") as client:
            response = await client.get("/api/v1/projects/projects")
        assert response.status_code == 404

    async def test_probes_answer_on_any_host(self, platform_settings, town):
        async with gateway_client(create_app(platform_settings), "10.0.0.7:8000") as client:
            assert (await client.get("/healthz")).status_code == 200

    async def test_widget_down_is_a_503_not_an_unknown_host(self, platform_settings, town):
        settings = platform_settings.model_copy(
            update={"widget_url": platform_settings.identity_url}
        )
        async with gateway_client(create_app(settings), town.primary) as client:
            response = await client.get("/api/v1/projects/projects")
        assert response.status_code == 503
        assert response.json()["type"] == "urn:inspraak:problem:host-lookup-unavailable"
