"""The platform as an operator runs it: every service its own process, wired by NATS."""

import httpx
import nats
import pytest

SERVICES = ("identity", "projects", "contributions", "notifications", "widget", "gateway")


class TestEveryServiceRunsOnItsOwn:
    @pytest.mark.parametrize("service", SERVICES)
    def test_service_is_ready_with_database_and_nats(self, running_platform, service):
        response = httpx.get(f"{running_platform.urls[service]}/readyz", trust_env=False)
        assert response.status_code == 200, response.text
        assert response.json()["checks"] == {"database": "ok", "nats": "ok"}

    @pytest.mark.parametrize("service", SERVICES)
    def test_unknown_path_is_a_problem_document(self, running_platform, service):
        # The gateway first resolves the tenant from the host: 127.0.0.1 is no tenant's
        # domain, so the widget service's lookup refuses it with 404 as well.
        response = httpx.get(f"{running_platform.urls[service]}/no-such-page", trust_env=False)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


class TestEventBackbone:
    async def test_each_service_owns_a_stream_and_dead_letters_have_one(self, running_platform):
        client = await nats.connect(running_platform.nats_url)
        try:
            js = client.jetstream()
            names = {info.config.name for info in await js.streams_info()}
        finally:
            await client.close()
        expected = {f"INSPRAAK_{service.upper()}" for service in SERVICES}
        assert expected | {"INSPRAAK_DEADLETTER"} <= names


class TestGatewayFrontDoor:
    def test_unknown_host_is_refused_after_asking_the_widget_service(self, running_platform):
        response = httpx.get(
            f"{running_platform.urls['gateway']}/api/v1/projects/projects",
            headers={"Host": "no-such-municipality.example"},
            trust_env=False,
        )
        assert response.status_code == 404
        assert response.json()["type"].endswith("unknown-host")
