"""Who the browser is: the session behind its cookie, and the CSRF check on every
state-changing request made with that cookie."""

from typing import Annotated

from fastapi import Depends, Request

from inspraak_gateway.dependencies import GatewayParts, ResolvedHost
from inspraak_gateway.sessions import cookies, service
from inspraak_gateway.sessions.models import WebSession
from inspraak_shared.db import DbSession
from inspraak_shared.problems import Forbidden, Unauthorized

CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfFailedError(Forbidden):
    title, slug = "Form expired", "csrf-failed"


async def optional_web_session(
    request: Request, db: DbSession, gateway: GatewayParts, host: ResolvedHost
) -> WebSession | None:
    key = cookies.read(request, gateway.settings, cookies.SESSION_COOKIE)
    if not key:
        return None
    return await service.current(db, key, host.tenant)


async def web_session(
    row: Annotated[WebSession | None, Depends(optional_web_session)],
) -> WebSession:
    if row is None:
        raise Unauthorized("Sign in to do this.")
    return row


def check_csrf(request: Request, row: WebSession, offered: str | None = None) -> None:
    """A cookie rides along on cross-site requests; the CSRF token never does."""
    if request.method in SAFE_METHODS:
        return
    if not service.csrf_matches(row, offered or request.headers.get(CSRF_HEADER)):
        raise CsrfFailedError(
            "This request lacks the form's security token. Reload the page and try again."
        )


OptionalWebSession = Annotated[WebSession | None, Depends(optional_web_session)]
CurrentWebSession = Annotated[WebSession, Depends(web_session)]
