"""Host lookups are cached briefly, unknown hosts too; a failing lookup is never cached."""

import asyncio

import httpx
import pytest
from inspraak_gateway.tenancy.directory import (
    DirectoryUnavailableError,
    HostDirectory,
    UnknownHostError,
)
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.support.servers import serve


class CountingWidget:
    """Answers the host lookup like the widget service, and counts how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0
        self.failing = False
        self.delay = 0.0

    async def lookup(self, request: Request) -> Response:
        self.calls += 1
        await asyncio.sleep(self.delay)
        if self.failing:
            return JSONResponse({"status": 500}, status_code=500)
        host = request.path_params["host"]
        if host != "known.inspraak.test":
            return JSONResponse({"status": 404}, status_code=404)
        return JSONResponse(
            {"host": host, "tenant": "known", "primary": host, "alias": False, "redirect": None}
        )


@pytest.fixture
async def widget():
    counting = CountingWidget()
    app = Starlette(routes=[Route("/v1/internal/hosts/{host}", counting.lookup)])
    async with serve(app) as url, httpx.AsyncClient(trust_env=False) as http:
        yield counting, http, url


class TestCache:
    async def test_concurrent_and_repeated_lookups_ask_once(self, widget):
        counting, http, url = widget
        directory = HostDirectory(http, url, ttl=30, max_entries=100)
        counting.delay = 0.05  # long enough for the concurrent misses to overlap
        results = await asyncio.gather(
            *(directory.resolve("Known.Inspraak.Test:443", None) for _ in range(20))
        )
        assert {r.tenant for r in results} == {"known"}
        await directory.resolve("known.inspraak.test", None)
        assert counting.calls == 1

    async def test_unknown_hosts_are_cached_too(self, widget):
        counting, http, url = widget
        directory = HostDirectory(http, url, ttl=30, max_entries=100)
        for _ in range(3):
            with pytest.raises(UnknownHostError):
                await directory.resolve("made-up.example.org", None)
        assert counting.calls == 1

    async def test_an_entry_expires_after_its_ttl(self, widget):
        counting, http, url = widget
        directory = HostDirectory(http, url, ttl=0.1, max_entries=100)
        await directory.resolve("known.inspraak.test", None)
        await asyncio.sleep(0.15)
        await directory.resolve("known.inspraak.test", None)
        assert counting.calls == 2

    async def test_a_failed_lookup_is_asked_again(self, widget):
        counting, http, url = widget
        directory = HostDirectory(http, url, ttl=30, max_entries=100)
        counting.failing = True
        with pytest.raises(DirectoryUnavailableError):
            await directory.resolve("known.inspraak.test", None)
        counting.failing = False
        assert (await directory.resolve("known.inspraak.test", None)).tenant == "known"
        assert counting.calls == 2

    async def test_the_cache_stays_bounded(self, widget):
        _, http, url = widget
        directory = HostDirectory(http, url, ttl=30, max_entries=100)
        for n in range(120):
            with pytest.raises(UnknownHostError):
                await directory.resolve(f"h{n}.example.org", None)
        assert len(directory._entries) == 100
