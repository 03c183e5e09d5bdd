"""The widget as a municipal website embeds it, and the configurator that makes the snippet.

- `embed.js`: the one-line script snippet's code; renders a fragment into a shadow root;
- `fragment/{view}`: the view's HTML for that shadow root (fetched with CORS);
- `frame/{view}`: the same view as a document, the iframe fallback without JavaScript;
- `configurator`: choose view and options, see a preview, copy the snippet.
"""

from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from inspraak_shared.db import DbSession
from inspraak_shared.problems import NotFound
from inspraak_shared.tenancy import RequestTenant
from inspraak_widget.embed import headers, render, service
from inspraak_widget.embed.auth import WidgetEditor
from inspraak_widget.embed.schemas import Mode, View, WidgetOptions
from inspraak_widget.texts import Language, text

router = APIRouter(prefix="/v1/widget", tags=["widget"])

HTML = "text/html; charset=utf-8"
JAVASCRIPT = "text/javascript; charset=utf-8"
_VIEW_RESPONSES = {
    304: {"description": "Not modified (If-None-Match matched the ETag)"},
    404: {"description": "Unknown tenant, or a project that is not public"},
}


@cache
def _static(name: str) -> bytes:
    return resources.files("inspraak_widget.embed").joinpath("static", name).read_bytes()


@router.get("/embed.js", summary="The script of the one-line snippet", response_class=Response)
async def embed_script(request: Request) -> Response:
    return headers.respond(
        request, _static("embed.js"), media_type=JAVASCRIPT, cache_control=headers.SCRIPT_CACHE
    )


@router.get(
    "/fragment/{view}",
    summary="A view as HTML for the script snippet's shadow root (CORS for allowed origins)",
    response_class=Response,
    responses=_VIEW_RESPONSES,
)
async def fragment(
    request: Request,
    session: DbSession,
    tenant: RequestTenant,
    view: View,
    options: Annotated[WidgetOptions, Query()],
) -> Response:
    return await _view(request, session, tenant, view, options, "fragment")


@router.get(
    "/frame/{view}",
    summary="A view as an HTML document: the iframe fallback that works without JavaScript",
    response_class=Response,
    responses=_VIEW_RESPONSES,
)
async def frame(
    request: Request,
    session: DbSession,
    tenant: RequestTenant,
    view: View,
    options: Annotated[WidgetOptions, Query()],
) -> Response:
    return await _view(request, session, tenant, view, options, "frame")


async def _view(
    request: Request,
    session: DbSession,
    tenant: str,
    view: View,
    options: WidgetOptions,
    mode: Mode,
) -> Response:
    ctx = await service.context(session, tenant, options)
    status = 200
    try:
        page = render.render(ctx, await service.build(session, ctx, view, options), mode)
    except NotFound:
        if mode == "fragment":
            raise
        # A framed problem+json would show as raw text on the municipality's page.
        page = render.render_unavailable(ctx.lang, text("unavailable", ctx.lang), mode)
        status = 404
    return headers.respond(
        request,
        page.body,
        media_type=HTML,
        cache_control=headers.WIDGET_CACHE,
        status_code=status,
        headers={
            "Content-Security-Policy": headers.csp(page.style_hash, ctx.allowed_origins),
            **headers.cors(request, ctx.allowed_origins),
        },
    )


@router.get(
    "/configurator",
    summary="The widget configurator page (IT officer, communications, superadmin)",
    response_class=Response,
)
async def configurator(
    request: Request,
    session: DbSession,
    tenant: RequestTenant,
    _: WidgetEditor,
    lang: Annotated[Language | None, Query()] = None,
) -> Response:
    page = await service.configurator(session, tenant, lang)
    preview = request.url.path.rsplit("/", 1)[0] + "/"
    base = f"{page.ctx.base_url}{preview}"
    body = render.render_configurator(page, base, preview)
    return Response(
        body,
        media_type=HTML,
        headers={
            "Cache-Control": "no-store",
            "Content-Security-Policy": (
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                "img-src 'self' https: data:; connect-src 'self'; frame-src 'self'; "
                "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            ),
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.get("/configurator.js", summary="The configurator's script", response_class=Response)
async def configurator_script(request: Request) -> Response:
    return headers.respond(
        request,
        _static("configurator.js"),
        media_type=JAVASCRIPT,
        cache_control=headers.SCRIPT_CACHE,
    )
