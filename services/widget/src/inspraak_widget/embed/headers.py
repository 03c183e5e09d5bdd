"""HTTP for widget responses: validators and caching, CORS and framing limited to the
tenant's allowed origins, and no cookies."""

import hashlib

from fastapi import Request, Response

# Short enough that a change shows within seconds; revalidation with the ETag is cheap.
WIDGET_CACHE = "public, max-age=10"
SCRIPT_CACHE = "public, max-age=300"


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("if-none-match")
    if not header:
        return False
    candidates = {c.strip().removeprefix("W/") for c in header.split(",")}
    return "*" in candidates or etag in candidates


def csp(style_hash: str, origins: list[str]) -> str:
    ancestors = " ".join(["'self'", *origins])
    return (
        f"default-src 'none'; style-src {style_hash}; img-src https: data:; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
    )


def cors(request: Request, origins: list[str]) -> dict[str, str]:
    origin = request.headers.get("origin")
    if origin and origin in origins:
        return {"Access-Control-Allow-Origin": origin}
    return {}


def respond(
    request: Request,
    body: bytes,
    *,
    media_type: str,
    cache_control: str,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The body with an ETag, or 304 when the client has it; never a cookie."""
    etag = etag_of(body)
    all_headers = {
        "ETag": etag,
        "Cache-Control": cache_control,
        "Vary": "Origin, X-Inspraak-Tenant",
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Resource-Policy": "cross-origin",
        **(headers or {}),
    }
    if status_code == 200 and not_modified(request, etag):
        return Response(status_code=304, headers=all_headers)
    return Response(body, status_code=status_code, media_type=media_type, headers=all_headers)
