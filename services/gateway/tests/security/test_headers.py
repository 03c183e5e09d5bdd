"""Browsers get strict security headers on the gateway's answers; the widget keeps its own."""

from inspraak_gateway.main import create_app

from tests.support.servers import gateway_client


class TestSecurityHeaders:
    async def test_api_answers_and_refusals_carry_the_strict_headers(self, platform_settings, town):
        async with gateway_client(create_app(platform_settings), town.primary) as client:
            answers = [
                await client.get("/api/v1/projects/projects"),
                await client.get("/api/v1/nothing/here"),
            ]
        async with gateway_client(create_app(platform_settings), "unknown.example.org") as client:
            answers.append(await client.get("/", headers={"Accept": "text/html"}))
        for response in answers:
            csp = response.headers["content-security-policy"]
            assert "script-src 'self'" in csp
            assert "unsafe-inline" not in csp
            assert "frame-ancestors 'none'" in csp
            assert response.headers["strict-transport-security"].startswith("max-age=")
            assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.headers["x-frame-options"] == "DENY"

    async def test_the_widget_may_be_framed_by_the_municipalitys_site(
        self, platform_settings, town
    ):
        async with gateway_client(create_app(platform_settings), town.primary) as client:
            response = await client.get("/v1/widget/frame/button")
        assert response.status_code == 200
        assert "x-frame-options" not in response.headers
        # The widget's own CSP: it names the origins allowed to frame it.
        assert "frame-ancestors 'none'" not in response.headers.get("content-security-policy", "")
