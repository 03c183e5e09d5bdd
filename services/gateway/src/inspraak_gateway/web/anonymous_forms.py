"""CSRF for forms posted before anyone is signed in (registering an organisation,
accepting an invitation with a new account): a double submit, a random value in an
HttpOnly, SameSite cookie and the same value in the form."""

import hmac
import secrets

from fastapi import Request
from fastapi.responses import Response

from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions.auth import CsrfFailedError
from inspraak_gateway.state import Gateway

FORM_COOKIE = "inspraak_form"
FORM_COOKIE_SECONDS = 3600


def form_token(request: Request, gateway: Gateway) -> str:
    """The browser's current token, or a new one (set it with `bind`)."""
    return cookies.read(request, gateway.settings, FORM_COOKIE) or secrets.token_urlsafe(24)


def bind(response: Response, gateway: Gateway, token: str) -> None:
    cookies.put(response, gateway.settings, FORM_COOKIE, token, FORM_COOKIE_SECONDS)


def check_form_token(request: Request, gateway: Gateway, offered: object) -> str:
    bound = cookies.read(request, gateway.settings, FORM_COOKIE)
    if not bound or not isinstance(offered, str) or not hmac.compare_digest(bound, offered):
        raise CsrfFailedError("This form has expired. Reload the page and try again.")
    return bound
