"""A ceiling on request bodies, before any of it is parsed or forwarded.

Neither uvicorn nor Starlette limits a body by default: a client could make a service
buffer gigabytes of JSON. Every body this platform accepts is a small JSON document or
form, so one limit per process (default 1 MiB) is refused with `413` and a problem
document: by its declared `Content-Length` before a byte is read, or as soon as a chunked
body streams past it.
"""

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from inspraak_shared.problems import PROBLEM_MEDIA_TYPE, Problem

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
# The unread rest of the body is not wanted on this connection.
_CLOSE = {"Connection": "close"}


class PayloadTooLarge(Problem):
    status, title, slug = 413, "Content Too Large", "payload-too-large"

    def __init__(self, max_bytes: int) -> None:
        super().__init__(
            f"The request body is larger than this service accepts ({max_bytes} bytes).",
            headers=dict(_CLOSE),
        )


class BodyTooLargeError(HTTPException):
    """Raised from `receive` once a streamed body passes the limit.

    An HTTPException on purpose: FastAPI's body parsing turns any other exception into a
    vague 400, while this one reaches the problem handlers as a 413.
    """

    problem_slug = PayloadTooLarge.slug

    def __init__(self, max_bytes: int) -> None:
        problem = PayloadTooLarge(max_bytes)
        super().__init__(problem.status, problem.detail, headers=problem.headers)


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, *, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLargeError(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLargeError:
            # Read outside any handler (a middleware, a streamed proxy body): answer here.
            if response_started:  # too late for a clean answer; the server drops it
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = PayloadTooLarge(self.max_bytes)
        response = JSONResponse(
            problem.to_body(scope.get("path")),
            status_code=problem.status,
            headers=problem.headers,
            media_type=PROBLEM_MEDIA_TYPE,
        )
        await response(scope, receive, send)


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
