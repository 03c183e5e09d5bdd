"""A pooled connection the service has just closed costs a safe request one more try, not
a 502; a request with a body is never sent twice."""

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from inspraak_gateway.proxy.service import send_upstream

OK = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\ncontent-type: text/plain\r\n\r\nok"


@pytest.fixture
async def closes_first_connection() -> AsyncIterator[tuple[str, list[bytes]]]:
    """A real HTTP server that hangs up on its first request without answering (what a
    keep-alive connection the server is closing looks like) and answers every later one."""
    requests: list[bytes] = []

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        requests.append(head)
        if len(requests) > 1:
            writer.write(OK)
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        yield f"http://127.0.0.1:{port}/inputs", requests


async def _call(url: str, method: str, content: bytes | None) -> httpx.Response:
    async with httpx.AsyncClient(trust_env=False) as http:
        request = http.build_request(method, url, content=content)
        response = await send_upstream(http, request, retry=method == "GET" and content is None)
        await response.aread()
        await response.aclose()
        return response


class TestRetry:
    async def test_a_safe_request_is_sent_once_more_and_answered(self, closes_first_connection):
        url, requests = closes_first_connection
        response = await _call(url, "GET", None)
        assert response.status_code == 200
        assert response.text == "ok"
        assert len(requests) == 2

    async def test_a_request_with_a_body_is_not_repeated(self, closes_first_connection):
        url, requests = closes_first_connection
        with pytest.raises(httpx.RemoteProtocolError):
            await _call(url, "POST", b'{"vote": 1}')
        assert len(requests) == 1
