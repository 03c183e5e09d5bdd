"""What every page knows: its municipality, language, visitor and form token."""

import json
from base64 import urlsafe_b64decode
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse

from inspraak_gateway.branding import service as branding
from inspraak_gateway.branding.schemas import Branding
from inspraak_gateway.config import GatewaySettings
from inspraak_gateway.dependencies import GatewayParts, ResolvedHost
from inspraak_gateway.sessions import cookies
from inspraak_gateway.sessions.auth import OptionalWebSession
from inspraak_gateway.sessions.models import WebSession
from inspraak_gateway.web.i18n import Catalogue, catalogues, choose_language
from inspraak_gateway.web.templating import render_to_string
from inspraak_shared.db import DbSession

LANGUAGE_COOKIE = "inspraak_lang"
STAFF_ROLES = frozenset({"superadmin", "policy_maker", "communications", "it_admin"})


@dataclass
class Page:
    request: Request
    branding: Branding
    language: str
    web_session: WebSession | None

    @property
    def catalogue(self) -> Catalogue:
        return catalogues()[self.language]

    def _(self, message: str) -> str:
        return self.catalogue.gettext(message)

    def translated(self, errors: dict[str, str]) -> dict[str, str]:
        """Form errors in the page's language (a service's own message stays as it is)."""
        return {field: self._(message) for field, message in errors.items()}

    @property
    def signed_in(self) -> bool:
        return self.web_session is not None

    @property
    def is_staff(self) -> bool:
        """Whether to show the staff link (the services check every staff request anyway)."""
        if self.web_session is None:
            return False
        try:
            payload = self.web_session.access_token.split(".")[1]
            claims = json.loads(urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        except (IndexError, ValueError):
            return False
        roles = set(claims.get("realm_access", {}).get("roles", []))
        return bool(roles & STAFF_ROLES) or bool(claims.get("inspraak_scopes"))

    @property
    def path(self) -> str:
        query = self.request.url.query
        return f"{self.request.url.path}?{query}" if query else self.request.url.path

    @property
    def login_url(self) -> str:
        return f"/auth/login?return_to={quote(self.path, safe='')}"

    def render(self, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
        context = {
            "page": self,
            "branding": self.branding,
            "lang": self.language,
            "csrf_token": self.web_session.csrf_token if self.web_session else "",
            "username": self.web_session.username if self.web_session else None,
            **values,
        }
        response = HTMLResponse(
            render_to_string(self.language, template, context), status_code=status_code
        )
        # Pages carry personal data and form tokens: never in a shared cache.
        response.headers["Cache-Control"] = "no-store" if self.web_session else "no-cache"
        response.headers["Content-Language"] = self.language
        response.headers["Vary"] = "Cookie, Accept-Language"
        return response


async def current_page(
    request: Request,
    db: DbSession,
    gateway: GatewayParts,
    host: ResolvedHost,
    web_session: OptionalWebSession,
) -> Page:
    tenant = await branding.branding_of(db, host.tenant)
    return page_for(request, gateway.settings, tenant, web_session)


def page_for(
    request: Request,
    settings: GatewaySettings,
    tenant: Branding,
    web_session: WebSession | None,
) -> Page:
    """The page in the person's language: their choice, then the browser's, then the
    tenant's default, among the tenant's languages."""
    chosen = (web_session.language if web_session else None) or cookies.read(
        request, settings, LANGUAGE_COOKIE
    )
    language = choose_language(
        chosen=chosen,
        accept_language=request.headers.get("accept-language", ""),
        enabled=tenant.languages,
        default=tenant.default_language,
    )
    return Page(request, tenant, language, web_session)


CurrentPage = Annotated[Page, Depends(current_page)]
