"""Database errors a client can act on become problems: a value PostgreSQL cannot store is
the client's 422; a database that is restarting or unreachable is a 503 with Retry-After."""

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from inspraak_shared.db import create_engine
from inspraak_shared.problems import database_problem


async def _error_from(url: str, *statements: str, **values: str) -> BaseException:
    engine = create_engine(url, pool_size=1)
    try:
        async with engine.connect() as connection:
            for statement in statements:
                await connection.execute(text(statement), values)
    except Exception as error:  # noqa: BLE001 - the test wants whatever the driver raised
        return error
    finally:
        await engine.dispose()
    raise AssertionError("the statement did not fail")


class TestDatabaseProblems:
    async def test_a_database_that_does_not_answer_is_a_503_with_retry_after(self):
        # Port 9 (discard) has nothing listening here: the connection is refused.
        error = await _error_from("postgresql+asyncpg://x:y@127.0.0.1:9/none", "SELECT 1")
        problem = database_problem(error)
        assert problem is not None
        assert problem.status == 503
        assert problem.headers["Retry-After"] == "5"

    async def test_a_database_shutting_down_is_a_503(self):
        # What asyncpg raises while PostgreSQL restarts ("the database system is starting
        # up"), as SQLAlchemy hands it to the endpoint.
        starting = asyncpg.exceptions.CannotConnectNowError("the database system is starting up")
        wrapped = DBAPIError("SELECT 1", None, RuntimeError("adapter"))
        wrapped.orig.__cause__ = starting
        problem = database_problem(wrapped)
        assert problem is not None
        assert problem.status == 503

    async def test_a_nul_character_is_the_clients_422(self, shared_database_url):
        error = await _error_from(shared_database_url, "SELECT :value", value="a\x00b")
        problem = database_problem(error)
        assert problem is not None
        assert problem.status == 422

    async def test_any_other_database_error_stays_unexpected(self, shared_database_url):
        error = await _error_from(shared_database_url, "SELECT * FROM no_such_table")
        assert database_problem(error) is None

    async def test_a_slow_query_is_not_mistaken_for_an_outage(self, shared_database_url):
        error = await _error_from(
            shared_database_url, "SET statement_timeout = 10", "SELECT pg_sleep(1)"
        )
        assert "statement timeout" in str(error)
        assert database_problem(error) is None


pytestmark = pytest.mark.asyncio
