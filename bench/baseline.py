"""The baseline: a minimal ASGI app on the same machine, in the same run.

`POST /write` inserts one row with asyncpg (a pool of 8); `GET /read` returns a cached
JSON document (by default of the size our input list has). No authentication, no
framework, no tenant, no events: the floor that our figures are divided by.

    python -m uvicorn --factory bench.baseline:create_app   (BASELINE_DSN, BASELINE_JSON)
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]

DDL = "CREATE TABLE IF NOT EXISTS baseline_vote (id bigserial PRIMARY KEY, body text NOT NULL)"


def create_app() -> Callable[[Scope, Receive, Send], Awaitable[None]]:
    dsn = os.environ["BASELINE_DSN"]
    cached_path = os.environ.get("BASELINE_JSON")
    cached = Path(cached_path).read_bytes() if cached_path else b'{"items": []}'
    state: dict[str, asyncpg.Pool] = {}

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await _lifespan(receive, send, dsn, state)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if scope["method"] == "POST":
            async with state["pool"].acquire() as conn:
                await conn.execute("INSERT INTO baseline_vote (body) VALUES ($1)", body.decode())
            await _send(send, 201, b'{"ok": true}')
        else:
            await _send(send, 200, cached)

    return app


async def _lifespan(receive: Receive, send: Send, dsn: str, state: dict[str, Any]) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            state["pool"] = await asyncpg.create_pool(dsn, min_size=8, max_size=8)
            async with state["pool"].acquire() as conn:
                await conn.execute(DDL)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await state["pool"].close()
            await send({"type": "lifespan.shutdown.complete"})
            return


async def _send(send: Send, status: int, body: bytes) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
