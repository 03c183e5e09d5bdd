"""Request bodies over the limit are refused with 413 problem+json, whether declared by
`Content-Length` or streamed in chunks, before any of it is parsed or stored."""

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI, Request
from pydantic import BaseModel

from inspraak_shared.limits import BodySizeLimitMiddleware
from inspraak_shared.problems import PROBLEM_MEDIA_TYPE, install_problem_handlers

LIMIT = 1024


class Note(BaseModel):
    body: str


def _app(received: list[str]) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/notes")
    async def create_note(note: Note) -> dict:
        received.append(note.body)
        return {"stored": len(note.body)}

    @app.post("/raw")
    async def raw(request: Request) -> dict:
        # Reads the stream itself, as the gateway's proxy does.
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
        received.append(str(size))
        return {"read": size}

    app.add_middleware(BodySizeLimitMiddleware, max_bytes=LIMIT)
    return app


@pytest.fixture
async def client() -> AsyncIterator[tuple[httpx.AsyncClient, list[str]]]:
    received: list[str] = []
    transport = httpx.ASGITransport(app=_app(received))
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as http:
        yield http, received


def _chunks(total: int) -> AsyncIterator[bytes]:
    async def generate() -> AsyncIterator[bytes]:
        yield b'{"body": "'
        sent = 0
        while sent < total:
            yield b"x" * 256
            sent += 256
        yield b'"}'

    return generate()


def _assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM_MEDIA_TYPE
    problem = response.json()
    assert problem["type"] == "urn:inspraak:problem:payload-too-large"
    assert f"({LIMIT} bytes)" in problem["detail"]


async def test_a_body_within_the_limit_is_accepted(client):
    http, received = client
    response = await http.post("/notes", json={"body": "x" * (LIMIT - 100)})
    assert response.status_code == 200
    assert received == ["x" * (LIMIT - 100)]


async def test_a_declared_length_over_the_limit_is_refused_before_parsing(client):
    http, received = client
    _assert_too_large(await http.post("/notes", json={"body": "x" * (LIMIT + 1)}))
    assert received == []


async def test_a_chunked_body_over_the_limit_is_refused_while_it_streams(client):
    http, received = client
    response = await http.post(
        "/notes", content=_chunks(LIMIT * 4), headers={"content-type": "application/json"}
    )
    _assert_too_large(response)
    assert received == []


async def test_a_streamed_body_read_by_the_endpoint_itself_is_refused(client):
    http, received = client
    _assert_too_large(await http.post("/raw", content=_chunks(LIMIT * 4)))
    assert received == []
