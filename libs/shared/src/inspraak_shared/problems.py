"""RFC 9457 problem details: exceptions that carry their status, and the handlers that render them.

Every error a service returns is `application/problem+json`; unexpected errors become a
500 problem without a stack trace (the trace goes to the log, with the trace id).
"""

import logging
from http import HTTPStatus
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:inspraak:problem:"


def slug_of_type(problem_type: object) -> str:
    """The slug a problem's `type` ends in (`urn:inspraak:problem:<slug>`, or the last
    segment of a URL type); "" when there is none."""
    return str(problem_type or "").rsplit(":", 1)[-1].rsplit("/", 1)[-1]


logger = logging.getLogger("inspraak.problems")


class Problem(Exception):  # noqa: N818 - it is what RFC 9457 calls it
    """An error with its HTTP status; raise a subclass from services and endpoints."""

    status: int = 500
    title: str = "Internal server error"
    slug: str | None = None

    def __init__(
        self,
        detail: str | None = None,
        *,
        title: str | None = None,
        slug: str | None = None,
        extensions: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or title or self.title)
        self.detail = detail
        if title is not None:
            self.title = title
        if slug is not None:
            self.slug = slug
        self.extensions = extensions or {}
        self.headers = headers or {}

    def to_body(self, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": f"{PROBLEM_TYPE_PREFIX}{self.slug}" if self.slug else "about:blank",
            "title": self.title,
            "status": self.status,
        }
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        body.update(self.extensions)
        return body


class BadRequest(Problem):
    status, title, slug = 400, "Bad request", "bad-request"


class Unauthorized(Problem):
    status, title, slug = 401, "Authentication required", "unauthorized"

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)
        self.headers.setdefault("WWW-Authenticate", 'Bearer error="invalid_token"')


class Forbidden(Problem):
    status, title, slug = 403, "Forbidden", "forbidden"


class NotFound(Problem):
    status, title, slug = 404, "Not found", "not-found"


class Conflict(Problem):
    status, title, slug = 409, "Conflict", "conflict"


class Gone(Problem):
    status, title, slug = 410, "Gone", "gone"


class UnprocessableContent(Problem):
    status, title, slug = 422, "Unprocessable content", "validation-failed"


class TooManyRequests(Problem):
    status, title, slug = 429, "Too many requests", "rate-limited"


class ServiceUnavailable(Problem):
    status, title, slug = 503, "Service unavailable", "unavailable"


def problem_response(problem: Problem, request: Request | None = None) -> JSONResponse:
    instance = request.url.path if request is not None else None
    return JSONResponse(
        problem.to_body(instance),
        status_code=problem.status,
        headers=problem.headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    # The submitted value is left out on purpose: it may be a password or personal data.
    return [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", ""), "type": error.get("type")}
        for error in exc.errors()
    ]


async def _handle_problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc, request)


async def _handle_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _validation_errors(exc)
    fields = ", ".join(".".join(str(p) for p in e["loc"]) for e in errors)
    problem = UnprocessableContent(
        f"The request is not valid: check {fields}." if fields else "The request is not valid.",
        extensions={"errors": errors},
    )
    return problem_response(problem, request)


async def _handle_http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    problem = Problem(
        str(exc.detail) if exc.detail else None,
        slug=getattr(exc, "problem_slug", None),
        headers=dict(exc.headers or {}),
    )
    problem.status = exc.status_code
    problem.title = _reason(exc.status_code)
    return problem_response(problem, request)


async def _handle_integrity(request: Request, exc: Exception) -> JSONResponse:
    # A constraint caught at commit: the write was rolled back; name no table or value.
    logger.warning("integrity error on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        Conflict("The change conflicts with existing data and was not saved."), request
    )


# The database is restarting, shutting down, out of connections, or the connection broke.
_DATABASE_UNAVAILABLE = (
    asyncpg.exceptions.AdminShutdownError,
    asyncpg.exceptions.CrashShutdownError,
    asyncpg.exceptions.CannotConnectNowError,
    asyncpg.exceptions.ConnectionDoesNotExistError,
    asyncpg.exceptions.TooManyConnectionsError,
    ConnectionError,
    OSError,
)
# How long a client should wait before retrying while the database comes back.
DATABASE_RETRY_AFTER_SECONDS = 5


def _causes(exc: BaseException) -> list[BaseException]:
    """The exception and what it wraps: SQLAlchemy wraps the driver's adapter, which wraps
    asyncpg's own exception."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = getattr(current, "orig", None) or current.__cause__
    return chain


def database_problem(exc: BaseException) -> Problem | None:
    """What a client should hear about a database error that is not its own fault to fix
    by retrying (a value PostgreSQL cannot store) or that is temporary (the database is
    away); None for anything else, which stays an unexpected error."""
    chain = _causes(exc)
    if any(isinstance(cause, asyncpg.exceptions.DataError) for cause in chain):
        return UnprocessableContent(
            "The request contains a value that cannot be stored or searched for, "
            "for example a NUL character or a number out of range."
        )
    invalidated = isinstance(exc, DBAPIError) and exc.connection_invalidated
    if (
        invalidated
        or isinstance(exc, (OperationalError, InterfaceError, PoolTimeoutError))
        or any(isinstance(cause, _DATABASE_UNAVAILABLE) for cause in chain)
    ):
        return ServiceUnavailable(
            "The database is briefly unavailable. Nothing was saved; please try again.",
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )
    return None


async def _handle_database(request: Request, exc: Exception) -> JSONResponse:
    problem = database_problem(exc)
    if problem is None:
        return await _handle_unexpected(request, exc)
    logger.warning("database error on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(problem, request)


async def _handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        Problem("An unexpected error occurred. It has been logged; please try again later."),
        request,
    )


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _handle_problem)
    app.add_exception_handler(RequestValidationError, _handle_validation)
    app.add_exception_handler(StarletteHTTPException, _handle_http)
    app.add_exception_handler(IntegrityError, _handle_integrity)
    app.add_exception_handler(DBAPIError, _handle_database)
    app.add_exception_handler(PoolTimeoutError, _handle_database)
    app.add_exception_handler(ConnectionError, _handle_database)
    app.add_exception_handler(Exception, _handle_unexpected)
