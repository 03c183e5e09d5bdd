"""How the gateway forwards, proven against a small local upstream over real HTTP: header
hygiene, request ids, trace context, streaming both ways and timeouts."""

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
from opentelemetry.trace import SpanKind

from tests.support.upstream import TENANT


def received_headers(response: httpx.Response) -> dict[str, list[str]]:
    headers: dict[str, list[str]] = {}
    for name, value in response.json()["headers"]:
        headers.setdefault(name, []).append(value)
    return headers


class TestHeaders:
    async def test_the_tenant_comes_from_the_host_never_from_the_client(self, harness):
        response = await harness.client.get(
            "/api/v1/identity/echo/x", headers={"X-Inspraak-Tenant": "other-town"}
        )
        assert response.status_code == 200
        assert received_headers(response)["x-inspraak-tenant"] == [TENANT]

    async def test_path_query_and_body_reach_the_service_as_sent(self, harness):
        response = await harness.client.post(
            "/api/v1/projects/v1/echo/a%2Fb/c?q=1&q=2&s=%C3%A9", content=b"payload"
        )
        # projects serves at its root: /api/v1/projects/<rest> is /<rest> there
        assert response.json()["path"] == "/v1/echo/a/b/c"
        assert response.json()["query"] == "q=1&q=2&s=%C3%A9"
        assert response.json()["body"] == "payload"

    async def test_hop_by_hop_headers_and_cookies_do_not_cross_the_gateway(self, harness):
        response = await harness.client.get(
            "/api/v1/identity/echo/x",
            headers={
                "Connection": "X-Client-Secret",
                "X-Client-Secret": "for-the-gateway-only",
                "Proxy-Authorization": "Basic abc",
                "Cookie": "inspraak_session=secret",
                "Authorization": "Bearer api-token",
            },
        )
        seen = received_headers(response)
        for name in ("x-client-secret", "proxy-authorization", "cookie"):
            assert name not in seen
        assert seen["authorization"] == ["Bearer api-token"]  # API clients' tokens pass
        assert "x-upstream-secret" not in response.headers
        assert "keep-alive" not in response.headers
        assert "set-cookie" not in response.headers
        assert response.headers["x-kept"] == "yes"

    async def test_every_request_gets_a_request_id_that_the_service_also_sees(self, harness):
        response = await harness.client.get("/api/v1/identity/echo/x")
        request_id = response.headers["x-request-id"]
        assert len(request_id) >= 16
        assert received_headers(response)["x-request-id"] == [request_id]
        again = await harness.client.get(
            "/api/v1/identity/echo/x", headers={"X-Request-Id": "support-case-12345"}
        )
        assert again.headers["x-request-id"] == "support-case-12345"
        unsafe = await harness.client.get(
            "/api/v1/identity/echo/x", headers={"X-Request-Id": "bad id\twith spaces"}
        )
        assert unsafe.headers["x-request-id"] != "bad id\twith spaces"

    async def test_the_gateways_server_span_is_the_parent_of_the_service_call(self, harness):
        response = await harness.client.get("/api/v1/identity/echo/x")
        _, trace_id, parent_id, _ = received_headers(response)["traceparent"][0].split("-")
        servers = [s for s in harness.spans.get_finished_spans() if s.kind is SpanKind.SERVER]
        assert any(
            format(s.context.trace_id, "032x") == trace_id
            and format(s.context.span_id, "016x") == parent_id
            for s in servers
        )

    async def test_a_client_trace_context_is_continued(self, harness):
        trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
        response = await harness.client.get(
            "/api/v1/identity/echo/x",
            headers={"traceparent": f"00-{trace_id}-00f067aa0ba902b7-01"},
        )
        assert received_headers(response)["traceparent"][0].split("-")[1] == trace_id


class TestStreaming:
    async def test_the_response_streams_before_the_service_has_finished(self, harness):
        async with harness.client.stream("GET", "/api/v1/identity/stream") as response:
            chunks = response.aiter_raw()
            first = await asyncio.wait_for(anext(chunks), 5)
            assert first == b"first;"
            harness.upstream.release_stream.set()
            rest = b"".join([chunk async for chunk in chunks])
        assert rest == b"second"

    async def test_the_request_body_streams_before_the_client_has_finished(self, harness):
        async def body() -> AsyncIterator[bytes]:
            yield b"x" * 65536
            # Only a streaming gateway lets the service see this before the rest is sent.
            await asyncio.wait_for(harness.upstream.first_upload_chunk.wait(), 5)
            yield b"y" * 65536

        response = await harness.client.post("/api/v1/identity/upload", content=body())
        assert response.json() == {"received": 131072}


class TestFailures:
    async def test_a_service_that_does_not_answer_in_time_gives_504(self, harness):
        response = await harness.client.get("/api/v1/identity/slow")
        assert response.status_code == 504
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "urn:inspraak:problem:upstream-timeout"
        assert "x-request-id" in response.headers

    async def test_unknown_service_and_internal_paths_are_not_routed(self, harness):
        for path in (
            "/api/v1/billing/anything",
            "/api/v1/widget/internal/hosts/stub.inspraak.test",
            "/api/v1/widget/%69nternal/hosts/stub.inspraak.test",
            "/api/v1/widget/echo/%2e%2e/internal/hosts/x",
            "/api/v1/projects/metrics",
            "/api/v1/contributions/healthz",
        ):
            response = await harness.client.get(path)
            assert response.status_code == 404, path
            assert json.loads(response.content)["status"] == 404
