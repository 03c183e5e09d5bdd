"""The session cookie and the short-lived cookie that binds a sign-in to its browser."""

from starlette.requests import Request
from starlette.responses import Response

from inspraak_gateway.config import GatewaySettings

SESSION_COOKIE = "inspraak_session"
LOGIN_COOKIE = "inspraak_login"
LOGIN_COOKIE_SECONDS = 600


def cookie_name(settings: GatewaySettings, base: str) -> str:
    # __Host-: only over https, for exactly this host, path / — no subdomain can set it.
    return f"__Host-{base}" if settings.cookie_secure else base


def read(request: Request, settings: GatewaySettings, base: str) -> str | None:
    return request.cookies.get(cookie_name(settings, base))


def put(
    response: Response, settings: GatewaySettings, base: str, value: str, max_age: int | None
) -> None:
    response.set_cookie(
        cookie_name(settings, base),
        value,
        max_age=max_age,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",  # sent on the top-level navigation back from Keycloak
    )


def clear(response: Response, settings: GatewaySettings, base: str) -> None:
    response.delete_cookie(
        cookie_name(settings, base),
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )
