"""Runs the widget app's lifespan in the test loop and hands out a client once it is ready
(shared `started_app` builds its own app; ours needs the offline DNS resolver)."""

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx
from fastapi import FastAPI


@contextlib.asynccontextmanager
async def started(app: FastAPI, *, ready_timeout: float = 20.0) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://widget") as client:
            async with asyncio.timeout(ready_timeout):
                while (await client.get("/readyz")).status_code != 200:
                    await asyncio.sleep(0.1)
            yield client
