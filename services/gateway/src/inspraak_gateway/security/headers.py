"""Security headers on every response the gateway sends.

The widget's own paths keep the headers the widget service sets (it must be framed by the
municipality's site, with its own CSP); everything else may not be framed at all and runs
only scripts from our own origin (no inline scripts). The generated API docs (/docs,
/redoc) load Swagger's scripts inline and are left without a CSP.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

WIDGET_PREFIX = "/v1/widget/"
_DOCS_PATHS = frozenset({"/docs", "/redoc", "/docs/oauth2-redirect"})


def content_security_policy(form_targets: str, tile_origin: str = "") -> str:
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            # The map's tiles come from the tile server's origin (a setting).
            f"img-src 'self' data: https: {tile_origin}".rstrip(),
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            # Sign-out is a form whose answer redirects to Keycloak.
            f"form-action 'self' {form_targets}".rstrip(),
            "frame-ancestors 'none'",
        )
    )


class SecurityHeadersMiddleware:
    def __init__(
        self, app: ASGIApp, *, keycloak_origin: str, hsts_seconds: int, tile_origin: str = ""
    ) -> None:
        self.app = app
        self.csp = content_security_policy(keycloak_origin, tile_origin)
        self.hsts = f"max-age={hsts_seconds}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        widget = path.startswith(WIDGET_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Strict-Transport-Security"] = self.hsts
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if not widget:
                    # A page holding a secret in its address (an invitation's token) asks
                    # for no referrer at all; every other page gets this one.
                    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
                    headers["X-Frame-Options"] = "DENY"
                    headers["Cross-Origin-Opener-Policy"] = "same-origin"
                    headers["Permissions-Policy"] = "camera=(), microphone=(), payment=()"
                    if path not in _DOCS_PATHS:
                        headers.setdefault("Content-Security-Policy", self.csp)
            await send(message)

        await self.app(scope, receive, send_with_headers)
