"""Idempotency keys: the first request with a key does the work, a retry gets the same answer."""

import hashlib
import json
from collections.abc import Awaitable, Callable
from typing import Annotated, Any

from fastapi import Header
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from sqlmodel.ext.asyncio.session import AsyncSession

from inspraak_contributions.idempotency import repository
from inspraak_shared.problems import UnprocessableContent

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=8,
        max_length=200,
        description="A unique key per intended write; a retry with the same key counts once.",
    ),
]


def fingerprint(operation: str, payload: Any) -> str:
    canonical = json.dumps(jsonable_encoder(payload), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(f"{operation}\n{canonical}".encode()).hexdigest()


async def run_once(
    session: AsyncSession,
    *,
    tenant: str,
    user_id: str,
    key: str | None,
    operation: str,
    payload: Any,
    status_code: int,
    work: Callable[[], Awaitable[Any]],
) -> JSONResponse:
    """Run `work` unless this key already did; answer with the stored response then."""
    if key is None:
        body = jsonable_encoder(await work())
        return JSONResponse(body, status_code=status_code)
    digest = fingerprint(operation, payload)
    if not await repository.claim(session, tenant, user_id, key, digest):
        stored = await repository.get(session, tenant, user_id, key)
        if stored is None or stored.fingerprint != digest or stored.response_status is None:
            raise UnprocessableContent(
                "This Idempotency-Key was already used for another request.",
                slug="idempotency-key-reused",
            )
        return JSONResponse(
            stored.response_body,
            status_code=stored.response_status,
            headers={"Idempotent-Replay": "true"},
        )
    body = jsonable_encoder(await work())
    await repository.store_response(session, tenant, user_id, key, status_code, body)
    return JSONResponse(body, status_code=status_code)
