"""Who may post from the residents' pages: a signed-in person whose form carries the
session's CSRF token. What they may do in a project the services decide per request."""

from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData

from inspraak_gateway.sessions.auth import CSRF_FIELD, CurrentWebSession, check_csrf
from inspraak_gateway.sessions.models import WebSession


async def posted_form(request: Request, web_session: CurrentWebSession) -> FormData:
    form = await request.form()
    offered = form.get(CSRF_FIELD)
    check_csrf(request, web_session, offered if isinstance(offered, str) else None)
    return form


def signed_in(web_session: CurrentWebSession) -> WebSession:
    return web_session


PostedForm = Annotated[FormData, Depends(posted_form)]
