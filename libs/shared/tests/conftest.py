"""Fixtures for the shared library's tests: a fresh PostgreSQL database and real NATS."""

import secrets
from collections.abc import AsyncIterator

import nats
import pytest
from nats.aio.client import Client
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from inspraak_shared.db import SessionFactory, create_engine, create_session_factory
from inspraak_shared.events import ensure_deadletter_stream, ensure_service_stream
from tests.support import tables  # noqa: F401 - registers the test tables


@pytest.fixture(scope="session")
def shared_database_url(fresh_database) -> str:
    return fresh_database("shared")


@pytest.fixture(scope="session")
async def engine(shared_database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(shared_database_url, pool_size=5)
    async with engine.begin() as connection:
        await connection.run_sync(SQLModel.metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture(scope="session")
def session_factory(engine: AsyncEngine) -> SessionFactory:
    return create_session_factory(engine)


@pytest.fixture
async def nats_client(nats_url: str) -> AsyncIterator[Client]:
    client = await nats.connect(nats_url)
    yield client
    # close, not drain: draining waits out ordered consumers' resubscription attempts.
    await client.close()


@pytest.fixture
async def service_name(nats_client: Client) -> str:
    """A service name of its own per test, so each test has its own stream."""
    name = f"svc{secrets.token_hex(4)}"
    js = nats_client.jetstream()
    await ensure_service_stream(js, name)
    await ensure_deadletter_stream(js)
    return name
